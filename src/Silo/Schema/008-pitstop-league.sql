-- The Pitstop League's scores (program.md, leaderboards): one row per board and staff member, the
-- member's score for that board's role, month and scope. A leaderboard grain writes a member's row
-- when their score changes and reads its rows back when it activates.
CREATE TABLE IF NOT EXISTS pitstop_league_score (
    board           text    NOT NULL,
    staff_id        text    NOT NULL,
    score           bigint  NOT NULL,
    dealership_id   text    NOT NULL,
    name            text,
    PRIMARY KEY (board, staff_id)
);
