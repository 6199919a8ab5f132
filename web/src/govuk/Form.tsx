// A form the page checks itself (no browser validation bubbles: GOV.UK's error summary and inline
// errors say what is wrong), submitted without leaving the page.
import type { FormHTMLAttributes } from 'react';

export function Form({ onSubmit, children, ...rest }: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: () => unknown }) {
  return (
    <form
      noValidate
      {...rest}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
