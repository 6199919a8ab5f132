// A professional who works with the child brings the family in: a one-time invitation code (sent to
// them out of band, redeemable once within 14 days), or a link to a family member's existing account.
// Question page, check your answers, confirmation. The code is shown once, on the confirmation only,
// held in this page's memory (never the address, history or storage): leaving the page loses it.
import { useState } from 'react';
import { Navigate } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { gql } from '../api/gql';
import { Radios } from '../govuk/Radios';
import { TextInput } from '../govuk/Field';
import { Checkboxes } from '../govuk/Checkboxes';
import { type FieldError } from '../govuk/ErrorSummary';
import { CheckYourAnswers, type Answer } from '../govuk/CheckYourAnswers';
import { useQuestionFlow } from '../govuk/useQuestionFlow';
import { longDate } from '../assessment/clock';
import { ChildQuestionPage } from './ChildQuestionPage';
import { useChildInState } from './useChildInState';
import { ChildConfirmation } from './ChildConfirmation';
import { usePageTitle } from '../app/usePageTitle';
import { WarningText } from '../govuk/WarningText';

const INVITE = gql`
  mutation InviteFamilyMember($input: FamilyInvitationInput!) {
    inviteFamilyMember(input: $input) {
      id
      code
      expiresAt
    }
  }
`;
const LINK = gql`
  mutation LinkFamilyMember($input: FamilyLinkInput!, $key: String) {
    linkFamilyMember(input: $input, idempotencyKey: $key) {
      id
      relation
      startDate
    }
  }
`;

const RELATION_WORDS: Record<string, string> = { PARENT: 'A parent or carer', YOUNG_PERSON: 'The young person' };
const HOW_WORDS: Record<string, string> = { INVITE: 'Create a one-time invitation code', LINK: 'Link an account they already have' };
const FIELD: Record<string, string> = { 'input.relation': 'relation', 'input.userSub': 'userSub' };

/** The code in groups of four, as a person reads it out or types it (hyphens are ignored when redeemed). */
const grouped = (code: string) => code.replace(/(.{4})(?=.)/g, '$1-');

const NO_ANSWERS = {
  how: '',
  relation: '',
  userSub: '',
  lacksCapacity: [] as string[],
};

export function FamilyInvite() {
  const child = useChildInState();
  const { step, answers, field, errors, key, busy, check, send: sendAnswers, checkStep } = useQuestionFlow(NO_ANSWERS);
  const { how, relation, userSub, lacksCapacity } = answers;
  const [result, setResult] = useState<{ code?: string; expiresAt?: string } | null>(null);
  const [invite] = useMutation(INVITE);
  const [link] = useMutation(LINK);
  usePageTitle(
    step === 'done' ? 'Family member added' : step === 'check' ? 'Check your answers' : 'Add a family member',
    errors.length > 0,
  );
  if (!child) return <Navigate to="/caseload" replace />;
  const { childId, name } = child;

  const toCheck = () => {
    const p: FieldError[] = [];
    if (!how) p.push({ field: 'how', message: 'Select how to add the family member' });
    if (!relation) p.push({ field: 'relation', message: 'Select who the family member is to the child' });
    if (how === 'LINK' && !/^[\w.@:-]{1,100}$/.test(userSub.trim()))
      p.push({ field: 'userSub', message: 'Enter their user id at the hub’s sign-in (letters, digits and . @ : - _ only)' });
    check(p);
  };

  const send = () => {
    const input: Record<string, unknown> = { childId, relation, youngPersonLacksCapacity: lacksCapacity.includes('yes') };
    return sendAnswers(
      () =>
        how === 'INVITE' ? invite({ variables: { input } }) : link({ variables: { input: { ...input, userSub: userSub.trim() }, key } }),
      {
        result: (data: any) => (how === 'INVITE' ? data?.inviteFamilyMember : data?.linkFamilyMember),
        fieldOf: (argument: string) => FIELD[argument] ?? 'how',
        refused: 'Only a professional with a current relationship to the child can add their family.',
        failed:
          how === 'INVITE'
            ? 'The invitation could not be created. Try again.'
            : 'The link could not be made. Try again: it will not be made twice.',
        done: (out: any) => setResult(how === 'INVITE' ? { code: out.code, expiresAt: out.expiresAt } : {}),
      },
    );
  };

  if (step === 'done')
    return (
      <ChildConfirmation
        title={how === 'INVITE' ? 'Invitation created' : 'Family member linked'}
        childId={childId}
        body={
          result?.code && (
            <>
              Invitation code
              <br />
              <strong className="app-code" id="invitation-code">
                {grouped(result.code)}
              </strong>
            </>
          )
        }
      >
        {result?.code ? (
          <>
            <WarningText>This code is shown only once. The hub keeps only a scrambled form of it and cannot show it again.</WarningText>
            <h2 className="govuk-heading-m">What to do next</h2>
            <p className="govuk-body">
              Give the code to the family member yourself, in person, by phone or by letter: not by unencrypted email. They sign in to the
              hub and enter it. It works once, for {RELATION_WORDS[relation].toLowerCase()}, until {longDate(result.expiresAt)}.
            </p>
          </>
        ) : (
          <p className="govuk-body">They will see {name} when they next sign in.</p>
        )}
      </ChildConfirmation>
    );

  if (step === 'check')
    return (
      <CheckYourAnswers
        {...checkStep}
        caption={name}
        answers={[
          { key: 'How', value: HOW_WORDS[how], change: ['how', 'how'] },
          { key: 'Who they are', value: RELATION_WORDS[relation], change: ['relation', 'who they are'] },
          ...(how === 'LINK'
            ? [{ key: 'Their user id', value: userSub.trim(), change: ['userSub', 'their user id'] as Answer['change'] }]
            : []),
          {
            key: 'Young person lacks capacity',
            value: lacksCapacity.includes('yes') ? 'Yes: the parent keeps deciding after 16' : 'No',
            change: ['lacksCapacity', 'capacity'],
          },
        ]}
        confirm={{ id: 'confirm-family', text: how === 'INVITE' ? 'Create invitation code' : 'Link family member', busy, onClick: send }}
      />
    );

  return (
    <ChildQuestionPage
      child={child}
      errors={errors}
      title="Add a family member"
      intro={
        <p className="govuk-body">
          A parent, carer or the young person can then see the record as the law allows, write their story, decide about sharing and see who
          looked.
        </p>
      }
      onSubmit={toCheck}
    >
      <Radios
        {...field('how')}
        legend="How do you want to add them?"
        options={[
          { value: 'INVITE', text: HOW_WORDS.INVITE, hint: 'You give them the code; they enter it once, within 14 days.' },
          { value: 'LINK', text: HOW_WORDS.LINK, hint: 'You need their user id at the hub’s sign-in.' },
        ]}
      />
      <Radios
        {...field('relation')}
        legend="Who are they to the child?"
        options={[
          { value: 'PARENT', text: RELATION_WORDS.PARENT },
          { value: 'YOUNG_PERSON', text: RELATION_WORDS.YOUNG_PERSON },
        ]}
      />
      {how === 'LINK' && <TextInput {...field('userSub')} label="Their user id" width="20" />}
      <Checkboxes
        {...field('lacksCapacity')}
        legend="Capacity (optional)"
        hint="Only if the young person lacks capacity to decide for themselves: a parent then keeps deciding after 16."
        options={[{ value: 'yes', text: 'The young person lacks capacity' }]}
      />
    </ChildQuestionPage>
  );
}
