// SSDA903 (children looked after) code lists, as the DfE's 903 guide and its validator define them.
// ingest/ssda903 checks each file against these; nothing else may keep its own copy.

/** Header SEX: 1 male, 2 female (DfE rule 101). */
export const SSDA903_SEX = ['1', '2'] as const;

/** Header ETHNIC: the DfE's ethnicity codes (rule 103). */
export const SSDA903_ETHNICITY = [
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
] as const;

/** Episodes RNE, reason for new episode (rule 143): S started to be looked after, the rest a change within a period. */
export const SSDA903_REASON_NEW_EPISODE = ['S', 'P', 'L', 'T', 'U', 'B'] as const;

/** Episodes LS, legal status (rule 144). D1 only before, E1 only from, December 2005 (rules 445, 446). */
export const SSDA903_LEGAL_STATUS = ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3'] as const;

/** Episodes PLACE, placement type (rule 146), the codes in force from 2023. */
export const SSDA903_PLACEMENT = [
  'A3',
  'A4',
  'A5',
  'A6',
  'H5',
  'K1',
  'K2',
  'P1',
  'P2',
  'P3',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Z1',
] as const;

/** Episodes REC, reason episode ceased (rule 149); X1 is "episode ceases and a new one begins" within a period. */
export const SSDA903_REASON_CEASED = [
  'E11',
  'E12',
  'E2',
  'E3',
  'E4A',
  'E4B',
  'E13',
  'E41',
  'E45',
  'E46',
  'E47',
  'E48',
  'E5',
  'E6',
  'E7',
  'E8',
  'E9',
  'E14',
  'E15',
  'E16',
  'E17',
  'X1',
] as const;

/** Episodes REASON_PLACE_CHANGE (rule 1009). */
export const SSDA903_REASON_PLACE_CHANGE = [
  'CARPL',
  'CLOSE',
  'ALLEG',
  'STAND',
  'APPRR',
  'CREQB',
  'CREQO',
  'CHILD',
  'LAREQ',
  'PLACE',
  'CUSTOD',
  'OTHER',
] as const;
