// The plugin's styles, added once to the page (Cockpit's CSP allows inline styles). All under .sales-pipeline.

const STYLE_ID = 'sales-pipeline-style';

const CSS = `
.sales-pipeline { padding: 4px 15px 20px; color: #333; font-size: 13px; }
.sales-pipeline .sp-header { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between;
  gap: 10px 24px; margin-bottom: 12px; }
.sales-pipeline .sp-title { margin: 0; font-size: 20px; font-weight: 600; }
.sales-pipeline .sp-subtitle { margin: 2px 0 0; color: #666; }
.sales-pipeline .sp-filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; margin: 0; }
.sales-pipeline .sp-filters label { display: flex; flex-direction: column; font-weight: 600; font-size: 12px;
  color: #555; margin: 0; gap: 2px; }
.sales-pipeline .sp-filters select, .sales-pipeline .sp-filters input { height: 30px; padding: 3px 6px;
  font-weight: normal; border: 1px solid #bbb; border-radius: 3px; background: #fff; min-width: 90px; }
.sales-pipeline .sp-filters .sp-currency { width: 90px; text-transform: uppercase; }
.sales-pipeline .sp-filters select.sp-owner, .sales-pipeline .sp-filters input.sp-owner { min-width: 170px; }
.sales-pipeline .sp-error { margin: 8px 0; padding: 8px 12px; border: 1px solid #e3b0b0; background: #fbeaea;
  color: #8a1f1f; border-radius: 3px; }
.sales-pipeline .sp-notice { margin: 8px 0; color: #666; }
.sales-pipeline .sp-board { display: flex; gap: 10px; overflow-x: auto; padding-bottom: 4px; }
.sales-pipeline .sp-board[data-state="loading"] { opacity: .55; }
.sales-pipeline .sp-stage { position: relative; flex: 1 1 0; min-width: 150px; padding: 10px 12px 12px;
  border: 1px solid #d6d6d6; border-top: 4px solid #4d8ac0; border-radius: 3px; background: #fafafa;
  cursor: pointer; outline: none; transition: background-color .15s; }
.sales-pipeline .sp-stage:hover { background: #f0f5fa; }
.sales-pipeline .sp-stage:focus-visible { box-shadow: 0 0 0 2px #7aa7d6; }
.sales-pipeline .sp-stage[aria-pressed="true"] { background: #e6eff8; border-color: #4d8ac0; }
.sales-pipeline .sp-stage[data-current="false"] { border-top-color: #aaa; border-style: dashed; }
.sales-pipeline .sp-stage-name { margin: 0 0 6px; font-size: 14px; font-weight: 600; line-height: 1.3;
  overflow-wrap: anywhere; }
.sales-pipeline .sp-stage.sp-has-idle .sp-stage-name { padding-right: 56px; }
.sales-pipeline .sp-stage-old { display: block; font-size: 11px; font-weight: normal; color: #777; }
.sales-pipeline .sp-count { font-size: 26px; font-weight: 300; line-height: 1.1; }
.sales-pipeline .sp-count-unit { color: #666; margin-left: 4px; }
.sales-pipeline .sp-value { margin-top: 4px; font-size: 15px; font-weight: 600; white-space: nowrap; }
.sales-pipeline .sp-small { color: #666; font-size: 12px; }
.sales-pipeline .sp-weighted, .sales-pipeline .sp-probability, .sales-pipeline .sp-age { margin-top: 2px;
  color: #555; font-size: 12px; white-space: nowrap; }
.sales-pipeline .sp-idle { position: absolute; top: 8px; right: 8px; padding: 2px 7px; border-radius: 10px;
  background: #b5152b; color: #fff; font-size: 11px; font-weight: 600; white-space: nowrap; }
.sales-pipeline .sp-totals { margin: 10px 0 0; padding: 8px 12px; background: #f2f2f2; border-radius: 3px; }
.sales-pipeline .sp-totals strong { font-weight: 600; }
.sales-pipeline .sp-totals .sp-idle-total { color: #b5152b; font-weight: 600; }
.sales-pipeline .sp-deals { margin-top: 14px; border: 1px solid #d6d6d6; border-radius: 3px; padding: 10px 12px; }
.sales-pipeline .sp-deals-head { display: flex; justify-content: space-between; align-items: center; }
.sales-pipeline h3 { margin: 0 0 8px; font-size: 15px; font-weight: 600; }
.sales-pipeline .sp-deals table { width: 100%; border-collapse: collapse; }
.sales-pipeline .sp-deals th, .sales-pipeline .sp-deals td { text-align: left; padding: 5px 8px;
  border-bottom: 1px solid #eee; overflow-wrap: anywhere; }
.sales-pipeline .sp-deals th { font-size: 12px; color: #666; font-weight: 600; }
.sales-pipeline .sp-deals td.sp-deal-value, .sales-pipeline .sp-deals th.sp-deal-value { text-align: right;
  white-space: nowrap; }
.sales-pipeline .sp-close { border: 0; background: none; color: #4d8ac0; cursor: pointer; }
.sales-pipeline .sp-unvalued { display: block; margin-top: 2px; color: #8a5a00; font-size: 12px; white-space: nowrap; }
.sales-pipeline .sp-totals .sp-unvalued-total { color: #8a5a00; font-weight: 600; }
.sales-pipeline .sp-forecast { margin-top: 22px; }
.sales-pipeline .sp-forecast table { border-collapse: collapse; min-width: 480px; }
.sales-pipeline .sp-forecast th, .sales-pipeline .sp-forecast td { text-align: left; padding: 4px 12px 4px 0;
  border-bottom: 1px solid #eee; }
.sales-pipeline .sp-forecast thead th { font-size: 12px; color: #666; font-weight: 600; }
.sales-pipeline .sp-forecast .sp-num { text-align: right; white-space: nowrap; }
.sales-pipeline .sp-forecast .sp-unvalued { display: inline; }
.sp-dashboard-section { margin-bottom: 20px; }
.sp-dashboard-section .sales-pipeline { padding-left: 0; padding-right: 0; }
.sales-pipeline .sp-funnel { margin-top: 22px; }
.sales-pipeline .sp-funnel-body { display: flex; flex-wrap: wrap; gap: 16px 32px; }
.sales-pipeline .sp-funnel-chart-box { flex: 3 1 460px; min-width: 0; }
.sales-pipeline .sp-funnel-side { flex: 1 1 220px; }
.sales-pipeline .sp-funnel-chart { display: block; max-width: 760px; height: auto; }
.sales-pipeline .sp-funnel-rect { fill: #4d8ac0; }
.sales-pipeline .sp-funnel-won .sp-funnel-rect { fill: #3c8d40; }
.sales-pipeline .sp-funnel-label { fill: #333; font-size: 13px; }
.sales-pipeline .sp-funnel-reached { fill: #333; font-size: 13px; font-weight: 600; }
.sales-pipeline .sp-funnel-conversion { fill: #666; font-size: 11px; }
.sales-pipeline .sp-kpis { display: flex; gap: 24px; margin: 0 0 12px; }
.sales-pipeline .sp-kpi { display: flex; flex-direction: column; }
.sales-pipeline .sp-kpi-value { font-size: 22px; font-weight: 300; }
.sales-pipeline .sp-kpi-label { color: #666; font-size: 12px; }
.sales-pipeline .sp-lost-reasons { margin: 0; padding: 0; list-style: none; }
.sales-pipeline .sp-lost-reason { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; margin-bottom: 6px; }
.sales-pipeline .sp-lost-bar { grid-column: 1 / span 2; height: 6px; background: #eee; border-radius: 3px; }
.sales-pipeline .sp-lost-bar span { display: block; height: 6px; background: #c7676f; border-radius: 3px; }
`;

export function ensureStyle() {
  if (document.getElementById(STYLE_ID)) {
    return;
  }
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  document.head.appendChild(style);
}
