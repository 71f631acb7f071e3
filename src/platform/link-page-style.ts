/**
 * The pages a client opens by link (check-ins, intake, runs, invitations) share one stylesheet,
 * served by the check-in link routes at CHECKIN_CSS_PATH; each page adds its own beside it.
 */
export const CHECKIN_CSS_PATH = "/c/assets/checkin.css";

/** The stylesheet they share: large touch targets, readable on a phone. */
export const CHECKIN_CSS = `*{box-sizing:border-box}
body{margin:0;font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f7f7f5}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25}
.practice{color:#555;margin:0}
fieldset,.field{border:1px solid #ccc;border-radius:.5rem;background:#fff;margin:0 0 1rem;padding:.75rem 1rem}
legend{float:left;width:100%;font-weight:600;padding:0;margin:0 0 .5rem}
legend+*{clear:both}
.choice{display:flex;align-items:center;gap:.75rem;min-height:48px;padding:.25rem .5rem;border-radius:.375rem;cursor:pointer}
.choice:hover{background:#f0f0ee}
.scale{display:grid;grid-template-columns:repeat(auto-fill,minmax(100%,1fr))}
input[type=radio]{width:1.5rem;height:1.5rem;margin:0;flex:none}
label{font-weight:500}
textarea,input[type=text],input[type=password]{display:block;width:100%;font:inherit;padding:.5rem;margin-top:.5rem;border:1px solid #888;border-radius:.375rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
button{display:block;width:100%;min-height:52px;font:inherit;font-weight:600;color:#fff;background:#1f5f8b;border:0;border-radius:.5rem;margin:1.5rem 0}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #f0a30a;outline-offset:2px}
.invalid{border-color:#b00020;border-width:2px}
.error,.error-summary{color:#b00020;font-weight:600;margin:.25rem 0}
.notice{background:#eef6f2;border-left:4px solid #1f6f5c;padding:.5rem .75rem;margin:.5rem 0}
.hint{color:#444}
.taps{display:grid;grid-template-columns:repeat(11,minmax(0,1fr));gap:2px}
.tap{position:relative;display:block;min-height:52px}
.tap input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.tap__n{display:flex;align-items:center;justify-content:center;height:100%;min-height:52px;border:1px solid #888;border-radius:.375rem;background:#fff;font-weight:600;font-variant-numeric:tabular-nums}
.tap:hover .tap__n{background:#f0f0ee}
.tap input:checked+.tap__n{background:#1f5f8b;border-color:#1f5f8b;color:#fff}
.tap input:focus-visible+.tap__n{outline:3px solid #f0a30a;outline-offset:2px}
.anchors{display:flex;justify-content:space-between;gap:1rem;margin:.375rem 0 0;font-size:.875rem;color:#444}
.anchors span:last-child{text-align:right}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.scale-row{padding:.75rem .5rem;min-width:0}
@media (max-width:480px){main{padding:.75rem .5rem}}
`;
