"""Item analysis of an exam's results: classical item statistics, distractors, the SJT
key check, Likert reliability, makalah rater agreement and DIF (docs/analysis.md).

`matrix.build_matrix` turns the stored answers into a candidates × items matrix;
`run.analyse` computes everything and flags items, each with its reason in words. All of
it is pure functions over numpy arrays: no store, no files.
"""
