package org.tradecurb.pipeline;

/** One step of the pipeline: reads its input tables, calls pure transformations, writes its tables. */
public interface Stage {

  String name();

  void run(RunContext run);
}
