package io.tagforge.engine.job;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The CLI's progress bar (rate and ETA) for a job, on stderr. */
public final class ConsoleProgress implements JobListener {

    private final String task;
    private final String unit;
    private ProgressBar bar;

    /** Progress counted in {@code unit}s, the ones the job counts ("captions", "images"). */
    public ConsoleProgress(String task, String unit) {
        this.task = task;
        this.unit = unit;
    }

    @Override
    public void started(JobRecord job) {
        bar = new ProgressBarBuilder().setTaskName(task + " #" + job.id()).setUnit(" " + unit, 1)
                .setInitialMax(job.total() == null ? -1 : job.total()).startsFrom(job.progress(), java.time.Duration.ZERO)
                .showSpeed().setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
    }

    @Override
    public void progressed(long progress, Long total) {
        if (bar != null) {
            if (total != null && bar.getMax() != total) {
                bar.maxHint(total);
            }
            bar.stepTo(progress);
        }
    }

    @Override
    public void finished(JobRecord job) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
