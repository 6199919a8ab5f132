// One commissioning measure: a chart with direct labels, the same figures as a table beside it,
// and the API's CSV to download. Suppressed figures show as "c", explained once per table.
import type { ReactNode } from 'react';
import type { PlotOptions } from '@observablehq/plot';
import { PlotFigure } from '../charts/PlotFigure';
import { Table } from '../govuk/Table';
import { downloadCsv } from './csv';
import type { HubError } from '../api/errors';
import { WarningText } from '../govuk/WarningText';

export const C = <abbr title="suppressed: fewer than 5, or could reveal one">c</abbr>;

export function figure(n: number | null | undefined, suppressed: boolean): ReactNode {
  return suppressed || n == null ? C : n.toLocaleString('en-GB');
}

/** How the API protected a table's figures (its disclosureControl), shown beside every table. */
export interface Disclosure {
  method: string;
  note: string;
  url: string;
}

export function Measure({
  id,
  title,
  description,
  chart,
  chartLabel,
  head,
  rows,
  numeric,
  csv,
  hasSuppressed,
  disclosure,
}: {
  id: string;
  title: string;
  description: ReactNode;
  chart: PlotOptions | null;
  chartLabel: string;
  head: string[];
  rows: ReactNode[][];
  numeric: number[];
  csv: string;
  hasSuppressed: boolean;
  disclosure?: Disclosure;
}) {
  return (
    <section className="govuk-!-margin-bottom-9" id={id} aria-labelledby={`${id}-title`}>
      <h2 className="govuk-heading-m" id={`${id}-title`}>
        {title}
      </h2>
      <p className="govuk-body">{description}</p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          {chart ? (
            <PlotFigure options={chart} label={chartLabel} />
          ) : (
            <p className="govuk-body">Nothing to chart: every figure is suppressed or zero.</p>
          )}
        </div>
        <div className="govuk-grid-column-full">
          <Table caption={title} head={head} rows={rows} numeric={numeric} />
          {disclosure && (
            <p className="govuk-body-s" id={`${id}-disclosure`}>
              <strong>How these figures are protected:</strong> {disclosure.note}{' '}
              {/^https?:/.test(disclosure.url) ? (
                <a className="govuk-link" href={disclosure.url}>
                  About the method
                </a>
              ) : (
                <>The method is described in {disclosure.url}.</>
              )}
            </p>
          )}
          {hasSuppressed && (
            <p className="govuk-body-s" id={`${id}-suppressed`}>
              <strong>c</strong>: suppressed. Counts of 1 to 4 are not published, nor other figures from which they could be worked out, so
              no child can be identified.
            </p>
          )}
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            id={`${id}-csv`}
            onClick={() => downloadCsv(`${id}.csv`, csv)}
          >
            Download CSV<span className="govuk-visually-hidden"> of {title.toLowerCase()}</span>
          </button>
        </div>
      </div>
    </section>
  );
}

/** The API's reason for refusing a table (too sparse for the population asked about), or undefined. */
export function refusalOf(errors: HubError[]): string | undefined {
  return errors.find((e) => e.extensions?.reason === 'TABLE_TOO_SPARSE')?.message;
}

/** A table the API would not publish: said where the table would be, with why and what to do, in the API's words. */
export function Refused({ id, title, message }: { id: string; title: string; message: string }) {
  return (
    <section className="govuk-!-margin-bottom-9" id={id} aria-labelledby={`${id}-title`}>
      <h2 className="govuk-heading-m" id={`${id}-title`}>
        {title}
      </h2>
      <WarningText id={`${id}-refused`}>
        This table is not published: too few children for this many combinations, so its figures could be combined to reveal a child.
      </WarningText>
      <p className="govuk-body" id={`${id}-refused-reason`}>
        {message.replace(/^dimensions .*?make a table too sparse to publish safely: /, 'Too sparse to publish safely: ')}
      </p>
      <p className="govuk-body-s">
        Counts are protected by the cell key method and this check; the method is described in docs/commissioning.md (protection of small
        numbers).
      </p>
    </section>
  );
}
