"use client";

import { useRef, type KeyboardEvent } from "react";
import type { OptionValueView, OptionView } from "@/lib/catalog/variants";

const SUFFIX: Record<OptionValueView["state"], string> = {
  available: "",
  "out-of-stock": " (out of stock)",
  unavailable: " (unavailable with the current selection)",
};

/**
 * One radio group per option (WAI-ARIA radio group pattern): Tab enters the group on the checked value,
 * arrow keys move and select, Home/End jump. Out-of-stock values stay selectable (the shopper may want to
 * see the price); an unavailable value selects the closest variant that has it.
 */
export function VariantPicker({ options, onPick }: { options: OptionView[]; onPick: (variantId: string) => void }) {
  return (
    <div className="flex flex-col gap-5">
      {options.map((option) => (
        <OptionGroup key={option.id} option={option} onPick={onPick} />
      ))}
    </div>
  );
}

function OptionGroup({ option, onPick }: { option: OptionView; onPick: (variantId: string) => void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const labelId = `option-${option.id}`;
  const selectedIndex = option.values.findIndex((value) => value.selected);
  const selected = option.values[selectedIndex];
  // Only values that lead somewhere can be focused by the arrow keys.
  const pickable = option.values.map((value) => value.targetVariantId !== null);

  function pick(index: number) {
    const target = option.values[index]?.targetVariantId;
    if (target) onPick(target);
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const count = option.values.length;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    let next: number | undefined;
    if (step !== undefined) {
      for (let i = 1; i <= count; i++) {
        const candidate = (index + step * i + count * count) % count;
        if (pickable[candidate]) {
          next = candidate;
          break;
        }
      }
    } else if (event.key === "Home") next = pickable.indexOf(true);
    else if (event.key === "End") next = pickable.lastIndexOf(true);
    if (next === undefined || next < 0) return;
    event.preventDefault();
    buttons.current[next]?.focus();
    pick(next);
  }

  return (
    <div className="flex flex-col gap-2">
      <p id={labelId} className="text-sm font-medium text-zinc-900">
        {option.name}
        {selected ? <span className="font-normal text-zinc-600">: {selected.value}</span> : null}
      </p>
      {/* Styled by data-state and aria-checked (.variant-values in app/globals.css). */}
      <div role="radiogroup" aria-label={option.name} className="variant-values">
        {option.values.map((value, index) => (
          <button
            key={value.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            role="radio"
            aria-checked={value.selected}
            // Roving tabindex: the group is one tab stop, on the checked value (or the first one).
            tabIndex={value.selected || (selectedIndex === -1 && index === 0) ? 0 : -1}
            data-state={value.state}
            onClick={() => pick(index)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {value.value}
            {SUFFIX[value.state] ? <span className="sr-only">{SUFFIX[value.state]}</span> : null}
          </button>
        ))}
      </div>
    </div>
  );
}
