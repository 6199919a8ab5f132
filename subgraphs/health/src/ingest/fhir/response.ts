// The FHIR transaction-response: one entry per submitted entry, in order, with its status. A
// conditional create that matched, or an update that changed nothing, is 200 OK; a new record 201.
import type { Bundle } from '@medplum/fhirtypes';
import type { ParsedBundle } from './bundle';

const STATUS = { created: '201 Created', updated: '200 OK', unchanged: '200 OK' } as const;

export function transactionResponse(
  parsed: ParsedBundle,
  outcome: Map<number, 'created' | 'updated' | 'unchanged'>,
  childOf: Map<string, string>,
): Bundle {
  return {
    resourceType: 'Bundle',
    type: parsed.type === 'batch' ? 'batch-response' : 'transaction-response',
    entry: parsed.entries.map((e, i) => {
      const o = outcome.get(i);
      const status = o ? STATUS[o] : '200 OK';
      const location =
        e.resourceType === 'Patient' && e.nhsNumber && childOf.get(e.nhsNumber) ? `Patient/${childOf.get(e.nhsNumber)}` : undefined;
      return {
        response: {
          status,
          ...(location ? { location } : {}),
          outcome: {
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'information',
                code: 'informational',
                diagnostics:
                  o ??
                  (e.skipped === 'entered-in-error'
                    ? 'entered-in-error: not kept (closed if held)'
                    : 'informational: nothing the hub keeps'),
              },
            ],
          },
        },
      };
    }),
  };
}
