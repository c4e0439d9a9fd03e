// Every command id the extension contributes, in one place (package.json must list the same).
export const CommandIds = {
  checkClaims: 'corroborate.checkClaims',
  reloadCorpus: 'corroborate.reloadCorpus',
  openSource: 'corroborate.openSource',
  checkWorkspace: 'corroborate.checkWorkspace',
  filterClaims: 'corroborate.filterClaims',
  revealClaim: 'corroborate.revealClaim',
  exportReport: 'corroborate.exportReport',
  markChecked: 'corroborate.markChecked',
  unmarkChecked: 'corroborate.unmarkChecked',
  ignoreName: 'corroborate.ignoreName',
  setArchivePassword: 'corroborate.setArchivePassword',
} as const;
export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
