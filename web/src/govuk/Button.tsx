// GOV.UK button. preventDoubleClick: a second click while the first is in flight does nothing.
import type { ReactNode } from 'react';

export function Button({ children, onClick, secondary, warning, disabled, type = 'button', id }: { children: ReactNode; onClick?: () => void; secondary?: boolean; warning?: boolean; disabled?: boolean; type?: 'button' | 'submit'; id?: string }) {
  const cls = `govuk-button${secondary ? ' govuk-button--secondary' : ''}${warning ? ' govuk-button--warning' : ''}`;
  return (
    <button type={type} id={id} className={cls} data-module="govuk-button" disabled={disabled} aria-disabled={disabled || undefined} onClick={onClick}>
      {children}
    </button>
  );
}
