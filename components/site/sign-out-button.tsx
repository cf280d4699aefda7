import { signOut } from "@/lib/auth";

// A form, not a link: signing out changes state, so it must be a POST (and works without JS).
export function SignOutButton({ className }: { className?: string }) {
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/" });
  }
  return (
    <form action={signOutAction}>
      <button type="submit" className={className}>
        로그아웃
      </button>
    </form>
  );
}
