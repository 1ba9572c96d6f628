// The small busy indicator of buttons and rows while their action is pending.
export function Spinner() {
  return <span class="tl-w-spinner" role="status" aria-label="Loading" />;
}
