import type { ReactNode } from "react";
import { Segmented } from "./Segmented";
import type { FindingInput, Grade, Vocabulary } from "./types";
import { regionLabel } from "./vocabulary";

/** One finding: a grade per quality (one tap each), a texture word and a note. */
export function FindingCard({
  finding,
  vocabulary,
  onChange,
  onRemove,
}: {
  finding: FindingInput;
  vocabulary: Vocabulary;
  onChange: (finding: FindingInput) => void;
  onRemove: () => void;
}): ReactNode {
  const region = vocabulary.regions.find((r) => r.code === finding.regionCode);
  const name = regionLabel(region ?? { name: finding.regionCode }, finding.side);
  const grades = vocabulary.grades.map((label, value) => ({ value: value as Grade, label }));
  return (
    <section className="finding" aria-label={`Finding: ${name}`}>
      <div className="finding__head">
        <h3>{name}</h3>
        <button type="button" className="button button--quiet" onClick={onRemove} aria-label={`Remove finding ${name}`}>
          Remove
        </button>
      </div>
      <div className="finding__qualities">
        {vocabulary.qualities.map((quality) => (
          <div key={quality.code} className="finding__quality">
            <span className="finding__quality-name" title={quality.help}>
              {quality.name}
            </span>
            <Segmented
              compact
              label={quality.name}
              options={grades}
              value={finding.qualities[quality.code]}
              onChange={(grade) => onChange({ ...finding, qualities: { ...finding.qualities, [quality.code]: grade } })}
            />
          </div>
        ))}
        <div className="finding__quality">
          <span className="finding__quality-name">Texture feels</span>
          <Segmented
            compact
            label="Texture feels"
            options={vocabulary.textureDescriptors.map((word) => ({ value: word, label: word }))}
            value={finding.textureDescriptor}
            onChange={(word) => onChange({ ...finding, textureDescriptor: word })}
          />
        </div>
      </div>
      <input
        className="finding__note"
        aria-label={`Note on ${name}`}
        placeholder="Note (optional)"
        value={finding.note ?? ""}
        onChange={(e) => onChange({ ...finding, note: e.target.value === "" ? null : e.target.value })}
      />
    </section>
  );
}
