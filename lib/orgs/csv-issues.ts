import type { TCsvIssue } from "./organisation-import";

/** Errors and warnings as they are found; handed out sorted by line (ties keep the order found). */
export class CsvIssues {
  private readonly errorList: TCsvIssue[] = [];
  private readonly warningList: TCsvIssue[] = [];

  error(line: number, message: string): void {
    this.errorList.push({ line, message });
  }

  warn(line: number, message: string): void {
    this.warningList.push({ line, message });
  }

  get errors(): TCsvIssue[] {
    return byLine(this.errorList);
  }

  get warnings(): TCsvIssue[] {
    return byLine(this.warningList);
  }
}

function byLine(issues: TCsvIssue[]): TCsvIssue[] {
  return [...issues].sort((a, b) => a.line - b.line); // Array sort is stable
}
