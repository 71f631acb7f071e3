import { useEffect } from "react";

/** Sets the browser tab title for the current page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Palpable` : "Palpable";
  }, [title]);
}
