"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";

/** A submit button that shows the loading state while its form's server action runs. */
export function SubmitButton({ loading, ...props }: Omit<ButtonProps, "type">) {
  const { pending } = useFormStatus();
  return <Button type="submit" loading={pending || loading} {...props} />;
}
