// Reading a scenario file from disk (the Node side of scenarios).
import { readFileSync } from 'node:fs';
import { parseScenario, type Scenario, ScenarioError } from './scenario.js';

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, [
      { path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
    ]);
  }
  return parseScenario(text, file);
}
