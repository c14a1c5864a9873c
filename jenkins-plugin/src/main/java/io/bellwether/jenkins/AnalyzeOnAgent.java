package io.bellwether.jenkins;

import hudson.remoting.VirtualChannel;
import io.bellwether.api.Bellwether;
import io.bellwether.api.BellwetherException;
import io.bellwether.api.chat.NativeRequests;
import io.bellwether.api.chat.PrometheusAccess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * analyze and its HTML report, run on the agent that holds the workspace (and can usually reach
 * Prometheus). The report is rendered once: returned for the build page, and written to the
 * workspace when the step names a file. Jenkins' Prometheus connection, credential included,
 * travels over the agent channel only inside this callable and is never written anywhere.
 */
final class AnalyzeOnAgent extends MasterToSlaveFileCallable<NativeAnswer> {
    private static final long serialVersionUID = 1L;

    private final String config;
    private final String metrics;
    private final LinkedHashMap<String, String> vars;
    private final boolean watch;
    private final String reportPath;
    private final String decisionJson;
    private final PrometheusAccess prometheus;

    AnalyzeOnAgent(String config, String metrics, Map<String, String> vars, boolean watch, String reportPath,
            String decisionJson, PrometheusAccess prometheus) {
        this.config = config;
        this.metrics = metrics;
        this.vars = new LinkedHashMap<>(vars);
        this.watch = watch;
        this.reportPath = reportPath;
        this.decisionJson = decisionJson;
        this.prometheus = prometheus;
    }

    @Override
    public NativeAnswer invoke(File workspace, VirtualChannel channel) {
        final Path ws = workspace.toPath();
        try {
            final String verdict = Bellwether.analyze(NativeRequests.analyze(ws, config, metrics, vars, watch, prometheus));
            final String html = NativeRequests.html(Bellwether.report(NativeRequests.report(verdict, decisionJson)));
            if (reportPath != null) {
                final Path out = Path.of(NativeRequests.resolve(ws, reportPath));
                if (out.getParent() != null) {
                    Files.createDirectories(out.getParent());
                }
                Files.writeString(out, html, StandardCharsets.UTF_8);
            }
            return NativeAnswer.of(verdict, html);
        } catch (BellwetherException e) {
            return NativeAnswer.failed(e);
        } catch (IllegalArgumentException e) {
            return NativeAnswer.failed(BellwetherException.INPUT, e.getMessage());
        } catch (IOException e) {
            return NativeAnswer.failed(BellwetherException.SOURCE, "cannot write the report " + reportPath + ": " + e);
        }
    }
}
