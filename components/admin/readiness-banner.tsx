import { connection } from "next/server";
import { readinessProblems } from "@/lib/readiness/checks";

/** A red banner on the dashboard for each thing that keeps the store from selling or telling customers. */
export async function ReadinessBanner() {
  await connection();
  const problems = readinessProblems();
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="flex flex-col gap-2" data-testid="readiness-banner">
      {problems.map((problem) => (
        <div
          key={problem.id}
          className="rounded-md border-2 border-red-600 bg-red-50 p-4 text-sm text-red-900"
          data-testid={`readiness-${problem.id}`}
        >
          <p className="font-semibold">{problem.title}</p>
          <p className="mt-1">{problem.fix}</p>
        </div>
      ))}
    </div>
  );
}
