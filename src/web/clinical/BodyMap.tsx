import { useState, type KeyboardEvent, type ReactNode } from "react";
import { FIGURE_HEIGHT, FIGURE_WIDTH, REGION_SHAPES, SILHOUETTE_HALF, THIRD_MARKS } from "../../shared/body-shapes";
import { regionLabel, regionKey } from "./vocabulary";
import type { BodySide, Grade, Region, View } from "./types";

export type BodyMapMode = "pick" | "show";

interface BodyMapProps {
  regions: readonly Region[];
  mode: BodyMapMode;
  /** Highest grade per `regionKey(code, side)`; absent keys are unshaded. */
  grades: ReadonlyMap<string, Grade>;
  /** In pick mode: the region (or one side of it) the practitioner tapped. */
  onPick?: (code: string, side: BodySide | null) => void;
  /** Names the whole figure, e.g. "Findings on 12 Nov 2026". */
  label: string;
  gradeNames: readonly string[];
  /** Leave the legend out (a page showing several maps draws one legend). */
  hideLegend?: boolean;
}

const MIRROR = `matrix(-1 0 0 1 ${FIGURE_WIDTH} 0)`;

/**
 * The part of the figure shown. Picking zooms to the trunk and legs, where every region is, so the
 * shapes are large enough to tap on a tablet; showing keeps the whole figure.
 */
const FRAMES: Record<BodyMapMode, { x: number; y: number; width: number; height: number }> = {
  pick: { x: 22, y: 150, width: 156, height: 310 },
  show: { x: 0, y: 0, width: FIGURE_WIDTH, height: FIGURE_HEIGHT },
};

/** Which side of the client the viewer's left half shows. */
function nearSide(view: View): BodySide {
  return view === "front" ? "right" : "left";
}

function farSide(view: View): BodySide {
  return view === "front" ? "left" : "right";
}

/** Regions that have no outline of their own and no outlined descendant: offered as a list instead. */
function unmappedRegions(regions: readonly Region[]): Region[] {
  const drawn = new Set(regions.filter((region) => REGION_SHAPES[region.code]).map((region) => region.code));
  const parentOf = new Map(regions.map((region) => [region.code, region.parent]));
  const coveredByChild = new Set<string>();
  for (const code of drawn) {
    let parent = parentOf.get(code) ?? null;
    while (parent) {
      coveredByChild.add(parent);
      parent = parentOf.get(parent) ?? null;
    }
  }
  return regions.filter((region) => !drawn.has(region.code) && !coveredByChild.has(region.code));
}

/** The key of the first region drawn (front view, near side first), the map's first Tab stop. */
function firstPickKey(regions: readonly Region[], extra: readonly Region[]): string | null {
  const region = regions.find((r) => REGION_SHAPES[r.code]?.view === "front") ?? extra[0];
  if (!region) return null;
  return regionKey(region.code, region.sided ? nearSide("front") : null);
}

interface ShapeProps {
  region: Region;
  side: BodySide | null;
  paths: ReactNode;
  mode: BodyMapMode;
  grade: Grade | undefined;
  gradeNames: readonly string[];
  onPick?: ((code: string, side: BodySide | null) => void) | undefined;
  /** Pick mode: whether this shape is the map's one Tab stop. */
  tabStop?: boolean;
}

function RegionShape({ region, side, paths, mode, grade, gradeNames, onPick, tabStop = false }: ShapeProps): ReactNode {
  const name = regionLabel(region, side);
  const className = `bodymap__region${grade !== undefined ? ` bodymap__region--g${grade}` : ""}`;
  if (mode === "show") {
    const gradeName = grade !== undefined ? (gradeNames[grade] ?? String(grade)) : "no finding";
    return (
      <g className={className} role="img" aria-label={`${name}: ${gradeName}`} data-grade={grade ?? ""}>
        <title>{`${name}: ${gradeName}`}</title>
        {paths}
      </g>
    );
  }
  const pick = (): void => onPick?.(region.code, side);
  const onKeyDown = (event: KeyboardEvent<SVGGElement>): void => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pick();
    }
  };
  return (
    <g
      className={`${className} bodymap__region--pick`}
      role="button"
      tabIndex={tabStop ? 0 : -1}
      data-pick-key={regionKey(region.code, side)}
      aria-label={name}
      aria-pressed={grade !== undefined}
      onClick={pick}
      onKeyDown={onKeyDown}
    >
      <title>{name}</title>
      {paths}
    </g>
  );
}

function Figure({ view, props, tabStop }: { view: View; props: BodyMapProps; tabStop: string | null }): ReactNode {
  const { regions, mode, grades, onPick, gradeNames } = props;
  const shaped = regions.filter((region) => REGION_SHAPES[region.code]?.view === view);
  const frame = FRAMES[mode];
  return (
    <figure className="bodymap__figure">
      <svg
        viewBox={`${frame.x} ${frame.y} ${frame.width} ${frame.height}`}
        className={`bodymap__svg bodymap__svg--${mode}`}
        role="group"
        aria-label={view === "front" ? "Front" : "Back"}
      >
        <path className="bodymap__body" d={SILHOUETTE_HALF} />
        <path className="bodymap__body" d={SILHOUETTE_HALF} transform={MIRROR} />
        <text className="bodymap__side-mark" x={frame.x + 4} y={frame.y + 14} aria-hidden="true">
          {nearSide(view) === "right" ? "R" : "L"}
        </text>
        <text className="bodymap__side-mark" x={frame.x + frame.width - 12} y={frame.y + 14} aria-hidden="true">
          {farSide(view) === "right" ? "R" : "L"}
        </text>
        {shaped.map((region) => {
          const d = REGION_SHAPES[region.code]?.d ?? "";
          if (!region.sided) {
            return (
              <RegionShape
                key={region.code}
                region={region}
                side={null}
                mode={mode}
                grade={grades.get(regionKey(region.code, null))}
                gradeNames={gradeNames}
                onPick={onPick}
                tabStop={tabStop === regionKey(region.code, null)}
                paths={
                  <>
                    <path d={d} />
                    <path d={d} transform={MIRROR} />
                  </>
                }
              />
            );
          }
          return [nearSide(view), farSide(view)].map((side, index) => (
            <RegionShape
              key={`${region.code}-${side}`}
              region={region}
              side={side}
              mode={mode}
              grade={grades.get(regionKey(region.code, side))}
              gradeNames={gradeNames}
              onPick={onPick}
              tabStop={tabStop === regionKey(region.code, side)}
              paths={index === 0 ? <path d={d} /> : <path d={d} transform={MIRROR} />}
            />
          ));
        })}
        {THIRD_MARKS.filter((mark) => mark.view === view).map((mark) => (
          <g key={mark.y} aria-hidden="true">
            <line className="bodymap__divider" x1={mark.x1} x2={mark.x2} y1={mark.y} y2={mark.y} />
            <line className="bodymap__divider" x1={mark.x1} x2={mark.x2} y1={mark.y} y2={mark.y} transform={MIRROR} />
          </g>
        ))}
      </svg>
      <figcaption className="bodymap__caption">{view === "front" ? "Front" : "Back"}</figcaption>
    </figure>
  );
}

/** The legend of grade shades, shared by every body map in show mode. */
export function GradeLegend({ gradeNames }: { gradeNames: readonly string[] }): ReactNode {
  return (
    <ul className="bodymap__legend" aria-label="Shading">
      <li>
        <span className="bodymap__swatch" aria-hidden="true" />
        No finding
      </li>
      {gradeNames.map((name, grade) => (
        <li key={name}>
          <span className={`bodymap__swatch bodymap__swatch--g${grade}`} aria-hidden="true" />
          {name}
        </li>
      ))}
    </ul>
  );
}

/**
 * Front and back figures in which every vocabulary region is a shape per side (midline regions
 * once). Pick mode makes each shape a button; show mode shades it by the highest grade found.
 */
export function BodyMap(props: BodyMapProps): ReactNode {
  const extra = unmappedRegions(props.regions);
  const [focused, setFocused] = useState<string | null>(null);
  // One Tab stop for the whole map (the last region focused, at first the first one drawn); arrows
  // move between regions in reading order, Home/End to the ends, Enter or Space picks.
  const first = firstPickKey(props.regions, extra);
  const tabStop = props.mode === "pick" ? (focused ?? first) : null;
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (props.mode !== "pick") return;
    const keys = ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "Home", "End"];
    if (!keys.includes(event.key)) return;
    const items = [...event.currentTarget.querySelectorAll<HTMLElement | SVGElement>("[data-pick-key]")];
    const index = items.findIndex((item) => item === document.activeElement);
    if (index < 0) return;
    event.preventDefault();
    const last = items.length - 1;
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? last
          : event.key === "ArrowRight" || event.key === "ArrowDown"
            ? (index + 1) % items.length
            : (index - 1 + items.length) % items.length;
    items[next]?.focus();
  }
  return (
    <div
      className="bodymap"
      role="group"
      aria-label={props.label}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const key = (event.target as Element).getAttribute("data-pick-key");
        if (key) setFocused(key);
      }}
    >
      <div className="bodymap__figures">
        <Figure view="front" props={props} tabStop={tabStop} />
        <Figure view="back" props={props} tabStop={tabStop} />
      </div>
      {props.mode === "pick" && extra.length > 0 ? (
        <div className="bodymap__extra">
          <span className="muted">Other regions:</span>
          {extra.flatMap((region) =>
            (region.sided ? (["right", "left"] as const) : [null]).map((side) => (
              <button
                key={`${region.code}-${side ?? "mid"}`}
                type="button"
                className="pill"
                data-pick-key={regionKey(region.code, side)}
                tabIndex={tabStop === regionKey(region.code, side) ? 0 : -1}
                aria-pressed={props.grades.has(regionKey(region.code, side))}
                onClick={() => props.onPick?.(region.code, side)}
              >
                {regionLabel(region, side)}
              </button>
            )),
          )}
        </div>
      ) : null}
      {props.mode === "show" && !props.hideLegend ? <GradeLegend gradeNames={props.gradeNames} /> : null}
    </div>
  );
}
