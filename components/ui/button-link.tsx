import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { buttonClasses, type StyleProps } from "./button";

// Apart from button.tsx so that a client bundle with buttons but no in-app links (the error
// boundary, app/error.tsx) does not carry next/link.

export type ButtonLinkProps = ComponentProps<typeof Link> & StyleProps & { children: ReactNode };

/** A link that looks like a button: navigation stays a link for assistive tech. */
export function ButtonLink({ variant, size, fullWidth, className, ...props }: ButtonLinkProps) {
  return <Link className={buttonClasses({ variant, size, fullWidth, className })} {...props} />;
}
