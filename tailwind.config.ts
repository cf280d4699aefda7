import type { Config } from "tailwindcss";

// Design tokens. Colours are CSS variables (app/globals.css) so dark mode, which follows the
// system setting, only swaps variable values; components use the semantic names below.
const token = (name: string) => `rgb(var(--color-${name}) / <alpha-value>)`;

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./lib/sandbox/**/*.{ts,tsx}"],
  darkMode: "media",
  theme: {
    extend: {
      colors: {
        background: token("background"),
        surface: token("surface"),
        "surface-muted": token("surface-muted"),
        foreground: token("foreground"),
        muted: token("muted"),
        border: token("border"),
        "border-strong": token("border-strong"),
        primary: {
          DEFAULT: token("primary"),
          hover: token("primary-hover"),
          foreground: token("primary-foreground"),
        },
        danger: {
          DEFAULT: token("danger"),
          hover: token("danger-hover"),
          foreground: token("danger-foreground"),
        },
        success: token("success"),
        warning: token("warning"),
        focus: token("focus"),
      },
      fontFamily: {
        // app/fonts: the preloaded UI subset (a CSS variable from next/font), then the slices
        // for any other Korean text, then the system's fonts.
        sans: [
          "var(--font-pretendard)",
          "'Pretendard Extended'",
          "system-ui",
          "-apple-system",
          "'Apple SD Gothic Neo'",
          "'Malgun Gothic'",
          "sans-serif",
        ],
      },
      borderRadius: {
        card: "1rem",
      },
      spacing: {
        // Minimum touch target (WCAG 2.5.5 / Apple HIG 44pt): min-h-touch, min-w-touch.
        touch: "2.75rem",
      },
      maxWidth: {
        content: "72rem",
      },
      boxShadow: {
        card: "0 1px 2px rgb(0 0 0 / 0.04), 0 1px 3px rgb(0 0 0 / 0.06)",
      },
      screens: {
        xs: "360px",
      },
    },
  },
  plugins: [],
};

export default config;
