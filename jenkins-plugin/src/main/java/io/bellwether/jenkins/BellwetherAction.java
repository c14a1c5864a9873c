package io.bellwether.jenkins;

import hudson.model.Run;
import io.bellwether.api.chat.BuildSummary;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import jakarta.servlet.http.HttpServletResponse;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Bellwether's evidence on a build: a summary box on the build page (summary.jelly) and a page
 * with the HTML report (index.jelly). The decision, verdict and report are files in the build's
 * directory (bellwether/decision.json, verdict.json, report.html), not fields in build.xml, so a
 * large verdict costs nothing when Jenkins loads the build. The last call of each step wins.
 */
public final class BellwetherAction implements RunAction2 {
    private static final Logger LOG = Logger.getLogger(BellwetherAction.class.getName());
    private static final String DECISION = "decision.json";
    private static final String VERDICT = "verdict.json";
    private static final String REPORT = "report.html";

    private transient Run<?, ?> run;
    private transient volatile BuildSummary summary;

    /** The build's action, added on first use (parallel branches share one). */
    static BellwetherAction of(Run<?, ?> run) {
        synchronized (BellwetherAction.class) {
            BellwetherAction action = run.getAction(BellwetherAction.class);
            if (action == null) {
                action = new BellwetherAction();
                run.addAction(action);
            }
            return action;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "Bellwether";
    }

    @Override
    public String getUrlName() {
        return "bellwether";
    }

    public Run<?, ?> getRun() {
        return run;
    }

    void recordDecision(String json) throws IOException {
        write(DECISION, json);
        summary = null;
    }

    void recordVerdict(String json, String reportHtml) throws IOException {
        write(VERDICT, json);
        if (reportHtml != null) {
            write(REPORT, reportHtml);
        }
        summary = null;
    }

    /** The stored decision JSON, or null. */
    String decisionJson() {
        return read(DECISION);
    }

    /** The stored verdict JSON, or null. */
    String verdictJson() {
        return read(VERDICT);
    }

    public boolean isReportAvailable() {
        return Files.isRegularFile(file(REPORT));
    }

    /** The model of summary.jelly and index.jelly; null when the stored JSON cannot be read. */
    public BuildSummary getSummary() {
        BuildSummary s = summary;
        if (s == null) {
            try {
                s = BuildSummary.of(decisionJson(), verdictJson());
                summary = s;
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Unreadable Bellwether evidence in " + run, e);
            }
        }
        return s;
    }

    /**
     * The HTML report, served in a CSP sandbox: it is self-contained (inline SVG and styles, no
     * scripts), and the sandbox keeps any text quoted from metrics or configs inert.
     */
    public void doReport(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        final byte[] html;
        try {
            html = Files.readAllBytes(file(REPORT));
        } catch (NoSuchFileException e) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND, "This build has no Bellwether report");
            return;
        }
        rsp.setContentType("text/html;charset=UTF-8");
        rsp.setHeader("Content-Security-Policy",
                "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.getOutputStream().write(html);
    }

    private Path file(String name) {
        return new File(new File(run.getRootDir(), "bellwether"), name).toPath();
    }

    private String read(String name) {
        try {
            return Files.readString(file(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read " + file(name), e);
            return null;
        }
    }

    // Written beside and then moved, so a page never reads half a file.
    private void write(String name, String content) throws IOException {
        final Path target = file(name);
        Files.createDirectories(target.getParent());
        final Path temp = Files.createTempFile(target.getParent(), name, ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
