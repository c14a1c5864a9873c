# Reference values from R for the statistics tests (tests/unit/test_stats_*.cpp).
# Usage: Rscript make_reference.R OUTDIR
# Deterministic (fixed seed). Writes, in OUTDIR:
#   wilcox_cases.txt  blocks of
#       data <kind>                    the samples of the cases that follow
#       x <n> v1 v2 ...                candidate (or: x <n> file <name>, one value per line)
#       y <m> v1 v2 ...                baseline
#       case <id> <alternative> <conf_level>
#       r <W> <p> <exact|normal> <estimate> <ci_lo> <ci_hi> <achieved_conf_level>
#     from wilcox.test(x = candidate, y = baseline, conf.int = TRUE, conf.level, alternative)
#   qwilcox.txt   "q <p> <m> <n> <qwilcox>" and "p <q> <m> <n> <lower tail> <upper tail>"
#   quantile.txt  "sample <n> v..." followed by "q <prob> <quantile type 7>" lines
#   holm.txt      "holm <k> p..." followed by "adj <k> p.adjust(p, 'holm')..."
# Numbers are written with %.17g so they read back bit-exactly; Inf, NaN and NA as R spells them.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1L) stop("usage: Rscript make_reference.R OUTDIR")
outdir <- args[[1]]
dir.create(outdir, recursive = TRUE, showWarnings = FALSE)
set.seed(20221110)
started <- proc.time()[["elapsed"]]

num <- function(v) paste(sprintf("%.17g", v), collapse = " ")
alternatives <- c("two.sided", "less", "greater")
levels <- c(0.8, 0.9, 0.95, 0.99)

# ---- wilcox.test cases --------------------------------------------------------------------
cases <- file(file.path(outdir, "wilcox_cases.txt"), "w")
n_cases <- 0L

# Which (alternative, level) pairs a data set is tested with: every pair for the cheap and
# interesting ones, three (one per alternative, levels rotating) for the expensive ones.
all_pairs <- expand.grid(alt = alternatives, level = levels, stringsAsFactors = FALSE)
rotating <- function(k) data.frame(alt = alternatives,
                                   level = levels[(seq_along(alternatives) + k) %% 4 + 1],
                                   stringsAsFactors = FALSE)

no_ties <- function(x, y) length(unique(c(x, y))) == length(x) + length(y)

sample_line <- function(tag, v, file_name) {
  if (is.null(file_name)) return(paste(tag, length(v), num(v)))
  writeLines(sprintf("%.17g", v), file.path(outdir, file_name))
  paste(tag, length(v), "file", file_name)
}

emit <- function(kind, x, y, pairs, files = NULL) {
  if (startsWith(kind, "exact")) stopifnot(no_ties(x, y))
  writeLines(c(paste("data", kind),
               sample_line("x", x, files[[1]]), sample_line("y", y, files[[2]])), cases)
  for (i in seq_len(nrow(pairs))) {
    alt <- pairs$alt[[i]]
    level <- pairs$level[[i]]
    # Warnings (ties, unachievable level) are expected and part of what is being tested.
    t <- suppressWarnings(wilcox.test(x = x, y = y, alternative = alt, conf.int = TRUE,
                                      conf.level = level))
    method <- if (grepl("exact", t$method)) "exact" else "normal"
    n_cases <<- n_cases + 1L
    writeLines(c(paste("case", n_cases, alt, num(level)),
                 paste("r", num(t$statistic), num(t$p.value), method, num(t$estimate),
                       num(t$conf.int[1]), num(t$conf.int[2]),
                       num(attr(t$conf.int, "conf.level")))), cases)
  }
}

zero_inflated <- function(n, zero, lambda) ifelse(runif(n) < zero, 0, rpois(n, lambda))

# Exact path: both sizes below 50 and no ties (continuous draws never tie).
emit("exact-1x1", rnorm(1), rnorm(1), all_pairs)
emit("exact-1x8", rnorm(1, 1), rnorm(8), all_pairs)
emit("exact-8x1", rnorm(8), rnorm(1, 0.5), all_pairs)
emit("exact-3x3", rnorm(3), rnorm(3), all_pairs)  # 0.99 is not achievable
emit("exact-2x7", rnorm(2, 2), rnorm(7), all_pairs)
emit("exact-10x10-unshifted", rnorm(10), rnorm(10), all_pairs)
emit("exact-12x30-shifted", rnorm(12, 1), rnorm(30), all_pairs)
emit("exact-30x12-shifted", rnorm(30, -0.5), rnorm(12), rotating(0))
emit("exact-49x49-shifted", rnorm(49, 0.3), rnorm(49), all_pairs)
emit("exact-49x20-lognormal", rlnorm(49, 0.2), rlnorm(20), rotating(1))
emit("exact-20x35-cauchy", rcauchy(20, 1), rcauchy(35), rotating(2))
emit("exact-40x49-t2", rt(40, 2) + 0.5, rt(49, 2), rotating(3))

# Normal path because of ties (rounded data), small and medium.
emit("ties-3x3", c(1, 2, 2), c(2, 3, 3), all_pairs)  # bounds hit the ends of the range
emit("ties-15x12-rounded", round(rnorm(15), 1), round(rnorm(12, 0.5), 1), all_pairs)
emit("ties-200x150-rounded", round(rnorm(200, 0, 3)), round(rnorm(150, 0.5, 3)), all_pairs)
emit("ties-1000x1000-rounded", round(rnorm(1000, 0.05), 1), round(rnorm(1000), 1), rotating(0))

# Normal path by size alone: 50 values switch to the approximation.
emit("size-50x50", rnorm(50, 0.2), rnorm(50), all_pairs)
emit("size-50x10", rnorm(50), rnorm(10, 0.4), rotating(1))
emit("size-10x50", rnorm(10, 0.4), rnorm(50), rotating(2))
emit("size-49x50", rnorm(49), rnorm(50), rotating(3))

# Realistic metric shapes: skewed latencies, heavy tails, error counts with many zeros.
emit("lognormal-300x400-shifted", rlnorm(300, 0.1), rlnorm(400), all_pairs)
emit("lognormal-5000x5000-unshifted", rlnorm(5000, 3, 0.5), rlnorm(5000, 3, 0.5), rotating(0))
emit("cauchy-500x500", rcauchy(500, 0.1), rcauchy(500), all_pairs)
emit("t2-1000x800-shifted", rt(1000, 2) + 0.2, rt(800, 2), rotating(1))
emit("zeros-200x200-unshifted", zero_inflated(200, 0.7, 2), zero_inflated(200, 0.7, 2), all_pairs)
emit("zeros-2000x3000-shifted", zero_inflated(2000, 0.6, 3), zero_inflated(3000, 0.7, 2),
     rotating(2))
emit("zeros-60x40-mostly", zero_inflated(60, 0.95, 1), zero_inflated(40, 0.9, 1), all_pairs)

# Large samples: one near the top of the usual range, one at 1e5 (R alone takes ~10 s there).
emit("large-20000x15000", rnorm(20000, 0.01), rnorm(15000), rotating(3)[1, ])
emit("large-100000x100000-lognormal", rlnorm(1e5, 0.01), rlnorm(1e5),
     data.frame(alt = "two.sided", level = 0.95), files = list("large_x.txt", "large_y.txt"))
close(cases)

# ---- exact distribution: qwilcox / pwilcox --------------------------------------------------
con <- file(file.path(outdir, "qwilcox.txt"), "w")
sizes <- list(c(1, 1), c(1, 5), c(5, 1), c(3, 3), c(4, 7), c(10, 10), c(20, 30), c(30, 45),
              c(49, 1), c(49, 49))
probs <- c(0, 1e-12, 1e-6, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9,
           0.95, 0.975, 0.99, 0.995, 0.999, 1 - 1e-6, 1)
for (s in sizes) {
  m <- s[[1]]
  n <- s[[2]]
  qs <- unique(round(c(-1, 0, 1, 2, m * n / 4, m * n / 2 - 1, m * n / 2, m * n / 2 + 1,
                       3 * m * n / 4, m * n - 2, m * n - 1, m * n, m * n + 1)))
  # Probabilities that are themselves CDF values test qwilcox's boundary fuzz.
  at_cdf <- pwilcox(qs[qs >= 0 & qs < m * n], m, n)
  for (p in c(probs, at_cdf)) writeLines(paste("q", num(p), m, n, num(qwilcox(p, m, n))), con)
  for (q in qs) {
    writeLines(paste("p", num(q), m, n, num(pwilcox(q, m, n)),
                     num(pwilcox(q, m, n, lower.tail = FALSE))), con)
  }
}
close(con)

# ---- quantile type 7 ------------------------------------------------------------------------
con <- file(file.path(outdir, "quantile.txt"), "w")
quantile_probs <- c(0, 0.01, 0.05, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9, 0.95, 0.99, 1)
samples <- list(5, c(2, 1), c(3, 1, 2), c(1, 1, 1, 2, 2, 3), rep(7, 4), c(-5, 0, 5, 1e9),
                round(rnorm(20), 1), rlnorm(101), 1:10)
for (s in samples) {
  writeLines(paste("sample", length(s), num(s)), con)
  for (p in quantile_probs) {
    writeLines(paste("q", num(p), num(quantile(s, p, type = 7, names = FALSE))), con)
  }
}
close(con)

# ---- Holm -----------------------------------------------------------------------------------
con <- file(file.path(outdir, "holm.txt"), "w")
p_sets <- list(0.01, c(0.01, 0.04, 0.03, 0.2), c(0.5, NA, 0.001, 0.02, NA),
               c(0.04, 0.04, 0.04), c(1, 0, 0.3), c(NA_real_, NA_real_), runif(12)^3)
for (p in p_sets) {
  writeLines(c(paste("holm", length(p), num(p)),
               paste("adj", length(p), num(p.adjust(p, method = "holm")))), con)
}
close(con)

cat(sprintf("make_reference.R: %d wilcox.test cases in %.1f s -> %s\n", n_cases,
            proc.time()[["elapsed"]] - started, outdir))
