import { buttonClasses } from "@/components/ui/button";

/**
 * First tab stop on every page: jumps past the header to <main id="main">. Shown only on
 * keyboard focus (focus-visible): focus moved there by a script or a click stays invisible.
 * Hidden with sr-only rather than moved off screen: a fixed element translated above the
 * viewport reappeared over the content of a scrolled page (full-page screenshots, admin).
 */
export function SkipLink() {
  return (
    <a
      href="#main"
      className={buttonClasses({
        className:
          "sr-only shadow-card focus-visible:not-sr-only focus-visible:fixed focus-visible:left-4 focus-visible:top-3 focus-visible:z-50",
      })}
    >
      본문으로 건너뛰기
    </a>
  );
}
