// Net revenue (bars) and paid orders (line) per day, drawn on the server as plain SVG: no chart library,
// no client JavaScript. Accessible three ways: the SVG has a text summary (role="img" + <title>/<desc>),
// each bar has a tooltip title, and the exact figures are in a data table under the chart.
import { currencyExponent, moneyFormatter, type CurrencyDisplay } from "@/lib/money";
import { getCurrencyDisplay } from "@/lib/settings/money-format";
import type { DayPoint } from "@/lib/reports/sales";
import { TableHead, NumberCell } from "@/components/admin/ui";

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 16, right: 44, bottom: 28, left: 64 };

function dayLabel(date: string, style: "short" | "long" = "short"): string {
  return new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    ...(style === "long" ? { weekday: "short" } : {}),
    timeZone: "UTC",
  }).format(new Date(`${date}T00:00:00Z`));
}

/** Axis labels only (never for money arithmetic): "$1.2K". */
function compactMoney(cents: number, currency: string, currencyDisplay: CurrencyDisplay): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    currencyDisplay,
    notation: "compact",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(cents / 10 ** currencyExponent(currency));
}

/** A round axis maximum at or above `max` (1, 2, 2.5, 5 × 10^n). */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export async function SalesChart({
  days,
  currency,
  id = "sales-chart",
}: {
  days: DayPoint[];
  currency: string;
  id?: string;
}) {
  const currencyDisplay = await getCurrencyDisplay();
  const formatMoney = moneyFormatter(currencyDisplay);
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  // At least 10 major units, so an empty period still has a readable axis ($0, $5, $10).
  const maxNet = niceMax(Math.max(10 * 10 ** currencyExponent(currency), ...days.map((day) => day.netCents)));
  const maxOrders = niceMax(Math.max(2, ...days.map((day) => day.orders)));
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(2, slot * 0.7);
  const x = (index: number) => PAD.left + slot * index + slot / 2;
  const yMoney = (cents: number) => PAD.top + plotHeight - (cents / maxNet) * plotHeight;
  const yOrders = (orders: number) => PAD.top + plotHeight - (orders / maxOrders) * plotHeight;

  const totalNet = days.reduce((sum, day) => sum + day.netCents, 0);
  const totalOrders = days.reduce((sum, day) => sum + day.orders, 0);
  const best = days.reduce<DayPoint | null>((top, day) => (day.netCents > (top?.netCents ?? 0) ? day : top), null);
  const first = days[0];
  const last = days[days.length - 1];
  const summary =
    first && last
      ? `Net revenue per day from ${dayLabel(first.date)} to ${dayLabel(last.date)}: ${formatMoney(totalNet, currency)} from ${totalOrders} paid order${totalOrders === 1 ? "" : "s"}.` +
        (best
          ? ` Best day: ${dayLabel(best.date, "long")} with ${formatMoney(best.netCents, currency)}.`
          : " No sales in this period.")
      : "No data.";
  const linePoints = days.map((day, index) => `${x(index).toFixed(1)},${yOrders(day.orders).toFixed(1)}`).join(" ");
  const ticks = [0, 0.5, 1];
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));

  return (
    <figure className="flex flex-col gap-2">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>Revenue and orders per day</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((tick) => {
          const y = PAD.top + plotHeight - tick * plotHeight;
          return (
            <g key={tick} aria-hidden="true">
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} className="stroke-zinc-200" strokeWidth={1} />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="fill-zinc-500 text-[11px]">
                {compactMoney(tick * maxNet, currency, currencyDisplay)}
              </text>
              <text x={WIDTH - PAD.right + 6} y={y + 4} textAnchor="start" className="fill-sky-700 text-[11px]">
                {Math.round(tick * maxOrders)}
              </text>
            </g>
          );
        })}
        {days.map((day, index) => {
          const y = yMoney(day.netCents);
          return (
            <rect
              key={day.date}
              x={x(index) - barWidth / 2}
              y={y}
              width={barWidth}
              height={Math.max(0, PAD.top + plotHeight - y)}
              className="fill-zinc-800"
              rx={1}
            >
              <title>{`${dayLabel(day.date, "long")}: ${formatMoney(day.netCents, currency)} net, ${day.orders} order${day.orders === 1 ? "" : "s"}`}</title>
            </rect>
          );
        })}
        {days.length > 1 ? (
          <polyline
            points={linePoints}
            fill="none"
            className="stroke-sky-600"
            strokeWidth={2}
            strokeLinejoin="round"
            aria-hidden="true"
          />
        ) : null}
        {days.map((day, index) =>
          index % labelEvery === 0 || index === days.length - 1 ? (
            <text
              key={day.date}
              x={x(index)}
              y={HEIGHT - 8}
              textAnchor="middle"
              className="fill-zinc-500 text-[11px]"
              aria-hidden="true"
            >
              {dayLabel(day.date)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="flex flex-wrap items-center gap-4 text-xs text-zinc-600">
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-zinc-800" /> Net revenue (left axis)
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-0.5 w-4 bg-sky-600" /> Paid orders (right axis)
        </span>
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-zinc-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2">
          Show the figures as a table
        </summary>
        <div className="mt-2 max-h-80 overflow-y-auto">
          <table className="w-full text-left text-sm [&_td]:px-2 [&_td]:py-1 [&_th]:px-2 [&_th]:py-1">
            <caption className="sr-only">Revenue and orders per day</caption>
            <TableHead
              className="sticky top-0 bg-zinc-50"
              columns={[
                "Day",
                { label: "Orders", numeric: true },
                { label: "Gross", numeric: true },
                { label: "Refunds", numeric: true },
                { label: "Net", numeric: true },
              ]}
            />
            <tbody>
              {days.map((day) => (
                <tr key={day.date} className="border-t border-zinc-100">
                  <th scope="row" className="font-normal">
                    <time dateTime={day.date}>{dayLabel(day.date, "long")}</time>
                  </th>
                  <NumberCell>{day.orders}</NumberCell>
                  <NumberCell>{formatMoney(day.grossCents, currency)}</NumberCell>
                  <NumberCell>{formatMoney(day.refundedCents, currency)}</NumberCell>
                  <NumberCell>{formatMoney(day.netCents, currency)}</NumberCell>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
