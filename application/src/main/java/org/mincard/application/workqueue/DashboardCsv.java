package org.mincard.application.workqueue;

import org.mincard.application.web.Csv;
import org.mincard.projections.workqueue.Dashboard;

import java.util.Map;

/** The dashboard as long-format CSV ({@code day,site_id,metric,key,value}), for the API and the console alike. */
public final class DashboardCsv {

    private DashboardCsv() {
    }

    public static String of(Dashboard dashboard) {
        StringBuilder csv = new StringBuilder("day,site_id,metric,key,value\n");
        for (Dashboard.SiteDay day : dashboard.days()) {
            String prefix = day.day() + "," + day.siteId() + ",";
            csv.append(prefix).append("received,,").append(day.received()).append('\n');
            csv.append(prefix).append("completed,,").append(day.completedTotal()).append('\n');
            rows(csv, prefix, "completed", day.completed());
            csv.append(prefix).append("sla_breaches,,").append(day.slaBreaches()).append('\n');
            for (Dashboard.QueueTime queue : day.queues()) {
                String key = queue.queue().path();
                csv.append(prefix).append("queue_stays,").append(key).append(',').append(queue.stays()).append('\n');
                csv.append(prefix).append("queue_median_seconds,").append(key).append(',')
                        .append(queue.medianSeconds()).append('\n');
                csv.append(prefix).append("queue_p90_seconds,").append(key).append(',')
                        .append(queue.p90Seconds()).append('\n');
                csv.append(prefix).append("queue_sla_breaches,").append(key).append(',')
                        .append(queue.slaBreaches()).append('\n');
            }
            for (Dashboard.ClerkDay clerk : day.clerks()) {
                String clerkId = Csv.cell(clerk.clerkId());
                csv.append(prefix).append("clerk_assigned,").append(clerkId).append(',')
                        .append(clerk.assigned()).append('\n');
                csv.append(prefix).append("clerk_steps_completed,").append(clerkId).append(',')
                        .append(clerk.stepsCompleted()).append('\n');
                csv.append(prefix).append("clerk_cases_completed,").append(clerkId).append(',')
                        .append(clerk.casesCompleted()).append('\n');
            }
            rows(csv, prefix, "denial_reason", day.denialReasons());
            rows(csv, prefix, "revocation_reason", day.revocationReasons());
        }
        return csv.toString();
    }

    private static void rows(StringBuilder csv, String prefix, String metric, Map<String, Long> values) {
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> csv.append(prefix)
                .append(metric).append(',').append(entry.getKey()).append(',').append(entry.getValue()).append('\n'));
    }
}
