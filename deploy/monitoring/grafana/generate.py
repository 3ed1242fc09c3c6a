#!/usr/bin/env python3
"""Writes mincard.json, the Grafana dashboard (schema 39, Grafana 10/11). Edit the panels here, run it, commit both.
MonitoringContractIT checks that every metric the dashboard queries exists in a running service's /actuator/prometheus."""
import json
import os

DS = {"type": "prometheus", "uid": "${datasource}"}
panels = []
y = 0


def row(title):
    global y
    panels.append({"type": "row", "title": title, "collapsed": False, "id": len(panels) + 1,
                   "gridPos": {"h": 1, "w": 24, "x": 0, "y": y}, "panels": []})
    y += 1


def panel(title, targets, kind="timeseries", unit="short", w=8, h=8, x=0, description=""):
    panels.append({
        "id": len(panels) + 1, "type": kind, "title": title, "description": description, "datasource": DS,
        "gridPos": {"h": h, "w": w, "x": x, "y": y},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"legend": {"displayMode": "table", "placement": "bottom"}} if kind == "timeseries" else {},
        "targets": [{"refId": chr(65 + i), "datasource": DS, "expr": expr, "legendFormat": legend}
                    for i, (expr, legend) in enumerate(targets)],
    })


def line(*specs):
    """Three panels side by side, then the next line."""
    global y
    for i, spec in enumerate(specs):
        panel(*spec[:2], **dict(spec[2] if len(spec) > 2 else {}, x=8 * i))
    y += 8


row("Queues")
line(("Depth per site and queue", [('sum by (site, queue) (mincard_queue_depth{site=~"$site"})', "{{site}} {{queue}}")]),
     ("Oldest case per queue", [('max by (site, queue) (mincard_queue_oldest_age_seconds{site=~"$site"})',
                                 "{{site}} {{queue}}")], {"unit": "s"}),
     ("Overdue (past SLA)", [('sum by (site, queue) (mincard_queue_overdue{site=~"$site"})', "{{site}} {{queue}}")]))
row("Commands")
CMD = 'method=~"POST|PUT|PATCH|DELETE",uri=~"/api/.*"'
line(("Command rate", [(f'sum by (uri) (rate(http_server_requests_seconds_count{{{CMD}}}[$__rate_interval]))',
                        "{{uri}}")], {"unit": "reqps"}),
     ("Command latency", [(f'histogram_quantile({q}, sum by (le) (rate(http_server_requests_seconds_bucket{{{CMD}}}'
                           f'[$__rate_interval])))', f"p{int(q * 100)}") for q in (0.5, 0.95, 0.99)], {"unit": "s"}),
     ("Answers by status", [('sum by (status) (rate(http_server_requests_seconds_count[$__rate_interval]))',
                             "{{status}}")], {"unit": "reqps"}))
row("Event processors")
line(("Lag behind the event store", [("max by (processor) (mincard_processor_lag_events)", "{{processor}}")]),
     ("Segments claimed / total", [("sum by (processor) (mincard_processor_segments_claimed)", "{{processor}} claimed"),
                                   ("max by (processor) (mincard_processor_segments)", "{{processor}} total")]),
     ("Dead letters", [("max by (processingGroup) (mincard_deadletters_sequences)", "{{processingGroup}} cases"),
                       ("max by (processingGroup) (mincard_deadletters_events)", "{{processingGroup}} events")]))
row("Retention and keys")
line(("Sweep progress", [("max(mincard_retention_sweep_done)", "done"), ("max(mincard_retention_sweep_planned)", "planned"),
                         ("max(mincard_retention_sweep_running)", "running")]),
     ("Purged items by class", [("sum by (dataClass) (increase(mincard_retention_purged_total[$__range]))", "{{dataClass}}"),
                                ("sum(increase(mincard_retention_held_total[$__range]))", "held")]),
     ("KEK rotation and horizon", [("max(mincard_vault_rotation_done)", "rotation done"),
                                   ("max(mincard_vault_rotation_planned)", "rotation planned"),
                                   ("max(mincard_vault_kek_held)", "KEK versions held"),
                                   ("max(mincard_vault_kek_overdue)", "horizons overdue")]))
row("Oversight and refusals")
line(("Refusals by rule", [("sum by (rule, status) (rate(mincard_security_refusals_total[$__rate_interval]))",
                            "{{status}} {{rule}}")], {"unit": "reqps"}),
     ("Personal-data reads by outcome", [("sum by (outcome) (rate(mincard_vault_reads_total[$__rate_interval]))",
                                          "{{outcome}}")], {"unit": "reqps"}),
     ("Chain verification and checkpoints", [("min(mincard_oversight_chain_last_verification_intact)", "last verification intact"),
                                             ("sum by (outcome) (increase(mincard_oversight_checkpoints_total[$__range]))",
                                              "checkpoints {{outcome}}"),
                                             ("sum(increase(mincard_oversight_chain_verifications_total{outcome=\"broken\"}[$__range]))",
                                              "broken verifications")]))

dashboard = {
    "uid": "mincard-overview", "title": "mincard", "tags": ["mincard"], "schemaVersion": 39, "version": 1,
    "editable": True, "time": {"from": "now-6h", "to": "now"}, "refresh": "30s", "timezone": "",
    "templating": {"list": [
        {"name": "datasource", "type": "datasource", "query": "prometheus", "label": "Prometheus"},
        {"name": "site", "type": "query", "datasource": DS, "label": "Site", "includeAll": True, "multi": True,
         "allValue": ".*", "query": {"query": "label_values(mincard_queue_depth, site)", "refId": "site"},
         "definition": "label_values(mincard_queue_depth, site)", "refresh": 2},
    ]},
    "annotations": {"list": []},
    "panels": panels,
}
with open(os.path.join(os.path.dirname(__file__), "mincard.json"), "w") as out:
    json.dump(dashboard, out, indent=2)
    out.write("\n")
