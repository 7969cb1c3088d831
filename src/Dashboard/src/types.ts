// The shapes of the API answers the pages read (api.md).

/** A viewer is told the member it is; its name (the token's subject) is `customer:ID` or `staff:ID`. */
export type Me = { name: string; role: string; dealerships: string[]; states: string[]; member?: { kind: 'customer' | 'staff'; id: string } };

export type LeagueRole = 'technician' | 'advisor' | 'support';

export type LeaderboardEntry = { rank: number; staffId: string; name?: string; dealershipId: string; score: number };

export type Leaderboard = { role: LeagueRole; scope: string; period: string; members: number; entries: LeaderboardEntry[] };

export type ListedDealership = { dealershipId: string; name: string; city: string; state: string };

export type Budget = {
  dealershipId: string;
  available: number;
  toppedUpThisMonth: number;
  spentThisMonth: number;
  pendingAwards: { count: number; points: number };
};

export type BudgetList = { state?: string; budgets: Budget[]; dealerships: ListedDealership[] };

export type BurnDay = { date: string; spent: number; toppedUp: number; returned: number };

export type BudgetBurn = { dealershipId: string; period: string; spent: number; toppedUp: number; returned: number; days: BurnDay[] };

export type RecoveryFigures = {
  incidents: number;
  closed: number;
  recovered: number;
  slaDecided: number;
  withinSla: number;
  shareWithinSla?: number;
  averageNpsBefore?: number;
  averageNpsAfter?: number;
  retained: number;
  pointsSpent: number;
  shareExceededExpectations?: number;
  recoveryPointsIssued: number;
  recoveryPointsRedeemed: number;
  escalationRate?: number;
};

export type RecoveryAnalytics = {
  total: RecoveryFigures;
  byKind: { kind: string; figures: RecoveryFigures }[];
  bySeverity: { severity: string; figures: RecoveryFigures }[];
  byDealership: { dealershipId: string; state: string; figures: RecoveryFigures }[];
};

export type IncidentListItem = { incidentId: string; kind: string; severity: string; status: string; customerId: string; dealershipId: string };

export type IncidentPage = { incidents: IncidentListItem[]; next?: string };

export type FollowUp = { day: number; dueAt: string; status: string; completedAt?: string };

export type Incident = IncidentListItem & { followUps?: FollowUp[] };

export type TierFigures = { silver: number; gold: number; platinum: number };

export type TierMovesMonth = {
  month: string;
  totalUpgrades: number;
  totalRenewals: number;
  upgrades: TierFigures;
  renewals: TierFigures;
  downgrades: TierFigures;
};

export type CategoryFigures = { category: string; redemptions: number; points: number };

export type CityFigures = { city: string; state: string; redemptions: number; points: number };

/** Customers, tiers and points to date; tier moves by month ending with `month`; redemptions and referrals of `month`. */
export type LoyaltyAnalytics = {
  month: string;
  customers: number;
  tiers: TierFigures;
  pointsIssued: number;
  pointsRedeemed: number;
  redemptionRate?: number;
  tierMovesByMonth: TierMovesMonth[];
  redemptions: { redemptions: number; points: number; byCategory: CategoryFigures[]; byCity: CityFigures[] };
  referrals: { codesIssued: number; converted: number; points: number };
};

export type Staff = {
  staffId: string;
  name?: string;
  role: string;
  dealershipId: string;
  wallet: { available: number; pending: number };
  score: number;
  ranks: { period: string; dealership?: number; state?: number; national?: number };
  badges: string[];
  challenges: string[];
  challengeProgress: ChallengeProgress[];
};

/** A member's progress in a challenge in force for them (GET /staff/{id}). */
export type ChallengeProgress = {
  challengeId: string;
  title: string;
  kpi: string;
  target: number;
  count: number;
  points: number;
  from?: string;
  to?: string;
  completed: boolean;
};

export type Dealership = { dealershipId: string; profile: { name: string; city: string; state: string } };

export type Program = { timeZone?: string };

export type BoardPlace = { rank: number; staffId: string; name?: string | null; dealershipId: string; score: number };

/** A league board's top 10 at the end of a replayed period: a role, nationally, in a state or at a dealership. */
export type BoardTop = { role: string; month: string; scope: string; top: BoardPlace[] };

export type SimulationFigures = {
  customerPointsByKind: Record<string, number>;
  staffPointsByKind: Record<string, number>;
  budgetDrawn: Record<string, number>;
  tiers: { silver: number; gold: number; platinum: number };
  recoveryPoints: number;
  boards: BoardTop[];
};

/** A stored program version, without its document (GET /program/versions). */
export type ProgramVersion = {
  version: number;
  effectiveFrom?: string | null;
  pilot?: { dealerships: string[]; states: string[]; until: string } | null;
  createdAt: string;
  createdBy: string;
};

export type Simulation = {
  id: string;
  state: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  from: string;
  to: string;
  replayed: number;
  total: number;
  error?: string;
  inForce?: SimulationFigures;
  candidate?: SimulationFigures;
};

export type CsatMonth = { month: string; answers: number; average?: number; satisfiedShare?: number };

export type OnTimeFigures = { dealershipId?: string; state: string; visits: number; onTime: number; share?: number };

export type TechnicianFigures = {
  staffId: string; name?: string; dealershipId: string; visits: number;
  firstTimeFixes: number; firstTimeFixRate?: number; repeatRepairs: number; repeatRepairRate?: number;
};

export type AdvisorFigures = { staffId: string; name?: string; dealershipId: string; visits: number; upsells: number; upsellsPerVisit?: number };

export type StaffPerformance = {
  month: string;
  csatTrend: CsatMonth[];
  onTimeByDealership: OnTimeFigures[];
  onTimeByState: OnTimeFigures[];
  technicians: TechnicianFigures[];
  advisors: AdvisorFigures[];
  participation: { registered: number; earned: number; share?: number };
};

export type RecognitionItem = { kind: 'badge' | 'challenge' | 'spot-award'; staffId: string; name?: string; title: string; points?: number; month?: string; at: string };

export type RecognitionFeed = { dealershipId: string; items: RecognitionItem[] };

/** Why an entry moved its points: the rule, its inputs, the program version, and all of it as a line. */
export type EntryExplanation = { rule: string; inputs: Record<string, string>; programVersion: number; text: string };

/** One ledger entry as the member's wallet sees it (points: positive in, negative out). */
export type LedgerLine = { id: string; at: string; kind: string; points: number; note?: string; explanation?: EntryExplanation; reverses?: string };

/** A page of a member's ledger, newest first. */
export type LedgerPage = { items: LedgerLine[]; next?: string };

export type StaffCard = { staff: Staff; completedChallenges: { challengeId: string; name: string; bonus: number }[]; recentPoints: LedgerLine[] };

export type CatalogItem = { itemId: string; name: string; category: string; pointsCost: number; stock?: number; minimumTier?: string };

export type Redemption = { redemptionId: string; itemId: string; quantity: number; points: number; status: string };
