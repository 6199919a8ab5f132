// A privacy officer opens any child's audit trail by NHS number (a subject access or complaint
// starts there, not from a break glass). The number is checked in the browser with the schema's
// own rule, sent in the request body only, and never put in the address.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { nhsNumberProblem } from '@hub/schema/identifiers';
import { gql } from '../api/gql';
import { TextInput } from '../govuk/Field';
import { ErrorSummary, errorFor, type FieldError } from '../govuk/ErrorSummary';
import { Form } from '../govuk/Form';

const BY_NHS = gql`
  query ChildByNhs($nhs: String!) {
    childByNhsNumber(nhsNumber: $nhs) {
      id
    }
  }
`;

export function FindChild() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [nhs, setNhs] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const find = async () => {
    const problem = nhsNumberProblem(nhs.trim());
    if (problem) return setErrors([{ field: 'audit-nhs', message: `Enter a valid NHS number: it ${problem}` }]);
    const res = await client.query({ query: BY_NHS, variables: { nhs: nhs.trim() } });
    const id = res.data?.childByNhsNumber?.id;
    if (!id) return setErrors([{ field: 'audit-nhs', message: 'No child with that NHS number is known to the hub' }]);
    navigate('/privacy/audit', { state: { childId: id } });
  };
  return (
    <Form id="find-child" onSubmit={find}>
      <ErrorSummary errors={errors} />
      <TextInput
        id="audit-nhs"
        label="NHS number"
        hint="10 digits, for example 999 000 0018"
        width="10"
        inputMode="numeric"
        value={nhs}
        onChange={setNhs}
        error={errorFor(errors, 'audit-nhs')}
      />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show audit trail
      </button>
    </Form>
  );
}
