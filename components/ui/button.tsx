import type { ComponentProps } from "react";
import { cx } from "./cx";
import { Spinner } from "./spinner";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md" | "lg";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-primary text-primary-foreground hover:bg-primary-hover",
  secondary: "border border-border-strong bg-surface text-foreground hover:bg-surface-muted",
  ghost: "text-foreground hover:bg-surface-muted",
  danger: "bg-danger text-danger-foreground hover:bg-danger-hover",
};

// md and lg meet the 44px touch target everywhere; sm is for dense desktop tables and grows to
// 44px on touch screens.
const SIZES: Record<ButtonSize, string> = {
  sm: "min-h-9 px-3 text-sm [@media(pointer:coarse)]:min-h-touch",
  md: "min-h-touch px-4 text-[0.9375rem]",
  lg: "min-h-12 px-6 text-base",
};

export function buttonClasses({
  variant = "primary",
  size = "md",
  fullWidth = false,
  className,
}: {
  variant?: ButtonVariant;
  size?: ButtonSize;
  fullWidth?: boolean;
  className?: string;
} = {}): string {
  return cx(
    // inline-flex, centred, bold, rounded; dimmed when disabled (app/globals.css).
    "btn",
    VARIANTS[variant],
    SIZES[size],
    fullWidth && "w-full",
    className,
  );
}

export type StyleProps = { variant?: ButtonVariant; size?: ButtonSize; fullWidth?: boolean };

export type ButtonProps = ComponentProps<"button"> &
  StyleProps & {
    /** Shows a spinner, disables the button and tells assistive tech it is busy. */
    loading?: boolean;
    /** Read to screen readers while loading, e.g. "결제수단 등록 중". */
    loadingLabel?: string;
  };

export function Button({
  variant,
  size,
  fullWidth,
  loading = false,
  loadingLabel,
  disabled,
  className,
  children,
  type = "button",
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses({ variant, size, fullWidth, className })}
      {...props}
    >
      {loading && <Spinner />}
      {children}
      {loading && loadingLabel && <span className="sr-only">{loadingLabel}</span>}
    </button>
  );
}
