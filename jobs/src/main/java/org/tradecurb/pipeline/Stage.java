package org.tradecurb.pipeline;

/**
 * One step of the pipeline: reads its input tables, calls pure transformations, writes its own tables, and
 * says what it did. The runner records every stage's result in pipeline_runs, once per run.
 */
public interface Stage {

  String name();

  /** The tables the stage writes, created before its first write. */
  java.util.List<org.tradecurb.spark.TableSpec> tables();

  /**
   * Does the stage's work. A failure the stage can describe (an unreadable file, counts that do not
   * reconcile) comes back in the result, after whatever could still be written has been; anything else is
   * thrown and recorded by the runner.
   */
  StageResult run(RunContext run);
}
