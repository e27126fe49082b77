// The x-codeSamples of the reference are generated, not written: this compiles every one of
// them against the real packages, so a sample that would not compile for a reader fails here.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listOperations } from '@wawp/spec/tools';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const decorated = JSON.parse(readFileSync(join(docsDir, 'dist', 'openapi.json'), 'utf8'));

describe('generated code samples of the reference', () => {
  const samples: { operationId: string; source: string }[] = [];
  const operations = [...listOperations(decorated), ...listOperations(decorated, 'webhooks')].map((o) => o.operation);
  for (const operation of operations) {
    for (const sample of operation['x-codeSamples'] ?? []) {
      if (sample.lang === 'typescript') samples.push({ operationId: operation.operationId, source: sample.source });
    }
    // Webhooks carry their sample as the last TypeScript block of the description.
    const block = /```ts\n([\s\S]*?)```\n?$/.exec(operation.description ?? '');
    if (block?.[1]) samples.push({ operationId: operation.operationId, source: block[1] });
  }

  it('exist for every operation and every webhook', () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(samples.length).toBe(operations.length);
  });

  it('type-check against @wawp/client and @wawp/webhooks-types', () => {
    // Inside docs/ (git-ignored test-results), so the packages resolve as they do for the guides.
    const dir = join(docsDir, 'test-results', 'generated-samples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = samples.map(({ operationId, source }) => {
      const file = join(dir, `${operationId}.ts`);
      writeFileSync(file, source);
      return file;
    });
    const configPath = join(docsDir, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, docsDir, undefined, configPath);
    const program = ts.createProgram(files, { ...options, noEmit: true });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });
});
