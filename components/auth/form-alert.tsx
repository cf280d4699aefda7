import { Alert } from "@/components/ui/alert";

export function FormAlert({ message }: { message: string | undefined }) {
  return message ? <Alert tone="danger">{message}</Alert> : null;
}
