package dev.jobrunner.jobs.boundary;

import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.PageView;
import dev.jobrunner.jobs.control.JobStore;
import dev.jobrunner.jobs.control.JobTally;
import dev.jobrunner.jobs.control.LatestRuns;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.runs.entity.JobRun;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A page of the job list, each job with its state, next run and last outcome: the page's jobs, then
 * the last outcomes of exactly those jobs in one query (never one query per job).
 */
@Stateless
public class JobListing {
  @EJB JobStore jobs;
  @EJB LatestRuns latestRuns;

  public PageView<JobView> page(PageRequest request) {
    JobTally.Tally tally = jobs.tally();
    return PageView.of("JobRunner", request, tally.count(), r -> read(r, tally), ListedJob::view);
  }

  private List<ListedJob> read(PageRequest request, JobTally.Tally tally) {
    List<Job> page = jobs.page(request, tally);
    Map<String, JobRun> last = latestRuns.of(page.stream().map(job -> job.id().value()).toList());
    Instant now = Instant.now();
    return page.stream().map(job -> new ListedJob(job, last.get(job.id().value()), now)).toList();
  }

  private record ListedJob(Job job, JobRun lastRun, Instant now) {
    JobView view() {
      return JobView.of(job, lastRun, now);
    }
  }
}
