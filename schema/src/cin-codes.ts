// CIN census code lists the ingestion checks beyond those the hub's model stores (codes.ts).

/** CINdetails/ReasonForClosure (DfE rule 8640): RC1-RC9. */
export const CIN_CLOSURE_REASONS = ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9'] as const;
