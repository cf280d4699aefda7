/**
 * The checkout's choice of provider, shown only when the merchant enabled more than one; the
 * first (the merchant's order) is preselected. The server checks the choice is enabled.
 */
export function ProviderChoice({ providers }: { providers: { name: string; label: string }[] }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-bold">결제사</legend>
      {providers.map((provider, index) => (
        <label
          key={provider.name}
          className="flex min-h-touch cursor-pointer items-center gap-3 rounded-lg border border-border px-3 has-[:checked]:border-primary"
        >
          <input
            type="radio"
            name="provider"
            value={provider.name}
            defaultChecked={index === 0}
            className="size-4 accent-[rgb(var(--color-primary))]"
          />
          <span>{provider.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
