/** Site path of the stylesheet the account pages link to. */
export const CSS_PATH = "assets/stacklog/stacklog.css";

/** Badge colours for command status, note kinds and check severities. */
export const STACKLOG_CSS = `.stacklog-badge { display: inline-block; padding: 0 .45em; border-radius: .3em; font-size: .8em; font-weight: 600; line-height: 1.6; vertical-align: middle; color: #fff; background: #6b7280; }
.stacklog-ok { background: #15803d; }
.stacklog-failed, .stacklog-problem, .stacklog-severity-high { background: #b91c1c; }
.stacklog-warn, .stacklog-severity-medium, .stacklog-question { background: #b45309; }
.stacklog-fix { background: #0f766e; }
.stacklog-decision { background: #68246d; }
.stacklog-lesson { background: #1d4ed8; }
.stacklog-severity-low, .stacklog-severity-info, .stacklog-observation { background: #6b7280; }
`;
