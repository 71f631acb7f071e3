import type { Citation } from "./types.js";

/**
 * References used by the measures. Each was checked against a public record (abstract, PubMed entry or
 * reproduced form) while building this library; the `url` is where it was checked.
 */
export const CITATIONS = {
  farrar2001: {
    text: "Farrar JT, Young JP Jr, LaMoreaux L, Werth JL, Poole RM. Clinical importance of changes in chronic pain intensity measured on an 11-point numerical pain rating scale. Pain. 2001;94(2):149-158. doi:10.1016/S0304-3959(01)00349-9",
    url: "https://pubmed.ncbi.nlm.nih.gov/11690728/",
  },
  ostelo2008: {
    // Only the title and abstract were seen; authors, journal and pages are left for completion rather than guessed.
    text: "Interpreting change scores for pain and functional status in low back pain: towards international consensus regarding minimal important change (VIII International Forum on Primary Care Research on Low Back Pain, Amsterdam 2006). Bibliographic details to be completed.",
    url: "https://paperexplained.cn/articles/paper/detail/c63b17f341638e994cd27cc6d09b4f05e220d5cc",
  },
  jaeschke1989: {
    text: "Jaeschke R, Singer J, Guyatt GH. Measurement of health status. Ascertaining the minimal clinically important difference. Control Clin Trials. 1989;10(4):407-415. PMID: 2691207",
    url: "https://pubmed.ncbi.nlm.nih.gov/2691207/",
  },
  // Abstract checked at the PMC record; author list and pagination are from the standard reference, not seen there.
  kamper2009: {
    text: "Kamper SJ, Maher CG, Mackay G. Global rating of change scales: a review of strengths and weaknesses and considerations for design. J Man Manip Ther. 2009;17(3):163-170. PMID: 20046623",
    url: "https://pmc.ncbi.nlm.nih.gov/articles/pmid/20046623",
  },
  stratford1995: {
    text: "Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on individual patients: a report of a patient specific measure. Physiotherapy Canada. 1995;47:258-263.",
    url: null,
  },
  binkley1999: {
    text: "Binkley JM, Stratford PW, Lott SA, Riddle DL; North American Orthopaedic Rehabilitation Research Network. The Lower Extremity Functional Scale (LEFS): scale development, measurement properties, and clinical application. Phys Ther. 1999;79(4):371-383.",
    url: "http://ptjournal.apta.org/content/79/4/371.short",
  },
  nelson2019: {
    text: "Nelson EO, Ryan M, AufderHeide E, Heiderscheit B. Development of the University of Wisconsin Running Injury and Recovery Index. J Orthop Sports Phys Ther. 2019;49(10):751-760. doi:10.2519/jospt.2019.8868",
    url: "https://pmc.ncbi.nlm.nih.gov/articles/PMC7060789/",
  },
  uwriResponsiveness2020: {
    // The author list was not visible in the record consulted; it is left out rather than guessed.
    text: "Construct Validity and Responsiveness of the University of Wisconsin Running Injury and Recovery Index. J Orthop Sports Phys Ther. 2020;50(12):702-710. doi:10.2519/jospt.2020.9698. PMID: 33115339 (author list to be completed from PubMed).",
    url: "https://pubmed.ncbi.nlm.nih.gov/33115339/",
  },
  practiceDefined: {
    text: "Practice-defined measure (Palpable). Not a published instrument: no literature source, validation or published MCID.",
    url: null,
  },
} as const satisfies Record<string, Citation>;
