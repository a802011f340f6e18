package org.tradecurb.report;

/**
 * The report's stylesheet, inlined into the page: system fonts, white cards on a light grey page, tabular
 * figures, and the SVG classes the charts use. No url(), no import: nothing is fetched.
 */
final class ReportStyle {

  static final String CSS = """
      :root { --ink:#1f2933; --muted:#5f6b7a; --line:#dde2e8; --bg:#f3f4f6; --card:#ffffff;
        --dual:#c8553d; --non:#2f6690; --warn-bg:#fff6dd; --warn-line:#efc96a; }
      * { box-sizing: border-box; }
      html { -webkit-text-size-adjust: 100%; }
      body { margin: 0; background: var(--bg); color: var(--ink);
        font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
      main { max-width: 1080px; margin: 0 auto; padding: 28px 24px 40px; }
      header.top { padding: 4px 2px 6px; }
      .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); font-weight: 600; }
      h1 { font-size: 30px; line-height: 1.2; margin: 6px 0 8px; letter-spacing: -.01em; }
      .subtitle { color: var(--muted); margin: 0; max-width: 860px; }
      section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 20px 26px 22px;
        margin: 18px 0; }
      h2 { font-size: 19px; margin: 0 0 6px; letter-spacing: -.005em; }
      h3 { font-size: 15px; margin: 18px 0 6px; }
      p { margin: 6px 0 10px; }
      .lead { font-size: 21px; font-weight: 650; line-height: 1.35; margin: 2px 0 12px; }
      .note { color: var(--muted); font-size: 13.5px; }
      .banner { background: var(--warn-bg); border: 1px solid var(--warn-line); border-radius: 10px; padding: 12px 18px;
        margin: 16px 0 0; }
      .banner strong { color: #7a4d00; }
      .cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 10px; margin: 6px 0 16px; }
      .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px 11px; background: #fafbfc; }
      .card .k { font-size: 11.5px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; font-weight: 600; }
      .card .v { font-size: 26px; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.25; margin-top: 2px; }
      .card .s { font-size: 12.5px; color: var(--muted); line-height: 1.35; }
      .neg { color: #b23a2a; }
      .pos { color: #2d7a46; }
      ul.findings { margin: 4px 0 0; padding-left: 20px; }
      ul.findings li { margin: 5px 0; }
      figure.chart { margin: 12px 0 4px; }
      figure.chart svg { width: 100%; height: auto; display: block; overflow: visible; }
      figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
      .chart-title { font-size: 13.5px; font-weight: 600; margin: 14px 0 2px; }
      .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 13px; color: var(--muted); margin: 4px 0 0; }
      .legend .sw { display: inline-block; width: 20px; height: 0; border-top: 3px solid; vertical-align: middle;
        margin-right: 6px; }
      .legend .sw.dashed { border-top-style: dashed; }
      .legend .sw.box { height: 12px; border: none; border-radius: 2px; }
      .legend .sw.dot { width: 10px; height: 10px; border: 2px solid; border-radius: 50%; background: #fff; }
      svg text { font-family: inherit; fill: #52606d; font-size: 12px; }
      svg .tick { font-size: 11.5px; }
      svg .unit { font-size: 11.5px; font-weight: 600; }
      svg .grid { stroke: #e8ebef; stroke-width: 1; }
      svg .axis { stroke: #9aa5b1; stroke-width: 1; }
      svg .reference { stroke: #7b8794; stroke-width: 1.2; stroke-dasharray: 4 4; }
      svg .reference-label { font-size: 11.5px; fill: #616e7c; }
      svg .marker { stroke: #1f2933; stroke-width: 1.5; }
      svg .marker.dashed { stroke: #b7791f; stroke-dasharray: 5 4; }
      svg .marker-label { font-weight: 650; fill: #1f2933; font-size: 12.5px; }
      svg .marker-label.soft { fill: #8d5c0f; }
      svg .band { fill: #fcefd4; }
      svg .stripe { fill: #f6f7f9; }
      svg .row-label { font-size: 13px; fill: #1f2933; }
      svg .row-label.strong { font-weight: 700; }
      svg .value { font-size: 12px; fill: #323f4b; font-variant-numeric: tabular-nums; }
      svg .value.muted { fill: #9aa5b1; }
      .table-wrap { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; margin: 6px 0 4px; }
      th, td { padding: 6px 8px; border-bottom: 1px solid #eceff3; text-align: right; white-space: nowrap; }
      th:first-child, td:first-child { text-align: left; }
      thead th { font-weight: 600; color: var(--muted); font-size: 12.5px; line-height: 1.3;
        border-bottom: 1px solid var(--line); vertical-align: bottom; white-space: normal; }
      tbody tr:hover td { background: #f8f9fb; }
      tr.targeted td { background: #fbece8; }
      tr.total td { font-weight: 650; }
      td.share { min-width: 118px; }
      .bar { display: inline-block; height: 9px; background: var(--dual); opacity: .75; border-radius: 2px;
        vertical-align: middle; margin-right: 8px; }
      .bar.negative { background: #9aa5b1; }
      .tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 9px; background: #e8eef5;
        color: #2f4a66; margin-left: 6px; vertical-align: 1px; }
      .tag.target { background: #f6d5cc; color: #7f2a1a; }
      details { margin-top: 8px; }
      details summary { cursor: pointer; color: var(--muted); font-size: 13px; }
      dl.methods { margin: 6px 0 0; }
      dl.methods dt { font-weight: 650; margin-top: 10px; }
      dl.methods dd { margin: 2px 0 0 0; }
      ul.caveats li { margin: 6px 0; }
      code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace; font-size: 12.5px;
        background: #f1f3f5; padding: 1px 4px; border-radius: 3px; }
      footer { color: var(--muted); font-size: 12.5px; margin: 10px 2px 0; }
      #report-errors { color: #b23a2a; }
      @media (max-width: 760px) { .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
      @media (max-width: 640px) { main { padding: 16px 10px; } section { padding: 14px 14px; } h1 { font-size: 24px; } }
      @media print { body { background: #fff; } section { break-inside: avoid; border-color: #ccc; } details { display: none; } }
      """;

  private ReportStyle() {}
}
