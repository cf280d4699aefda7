import { buttonClasses } from "@/components/ui/button";

/**
 * First tab stop on every page: jumps past the header to <main id="main">. Shown only on
 * keyboard focus (focus-visible): focus moved there by a script or a click stays invisible.
 */
export function SkipLink() {
  return (
    <a
      href="#main"
      className={buttonClasses({
        className:
          "fixed left-4 top-3 z-50 -translate-y-24 shadow-card transition-transform focus-visible:translate-y-0",
      })}
    >
      본문으로 건너뛰기
    </a>
  );
}
