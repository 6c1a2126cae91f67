/**
 * Readable names for what Inspect records as identifiers (a task, a scorer's metric), for
 * reading only: rules, filters, the CLI and exports use the identifier, which the screens
 * keep on hover (ui/Named).
 */

/** Benchmarks whose usual name is not their Inspect task's (inspect_evals' task names). */
const BENCHMARKS: Readonly<Record<string, string>> = {
  cybench: 'Cybench',
  intercode_ctf: 'InterCode-CTF',
  gdm_intercode_ctf: 'InterCode-CTF',
  nyu_ctf: 'NYU CTF',
  gdm_in_house_ctf: 'GDM in-house CTF',
  cybermetric_80: 'CyberMetric-80',
  cybermetric_500: 'CyberMetric-500',
  cybermetric_2000: 'CyberMetric-2000',
  cybermetric_10000: 'CyberMetric-10000',
  cyse2_interpreter_abuse: 'CyberSecEval 2: interpreter abuse',
  cyse2_prompt_injection: 'CyberSecEval 2: prompt injection',
  cyse2_vulnerability_exploit: 'CyberSecEval 2: vulnerability exploitation',
  threecb: '3CB',
  wmdp_cyber: 'WMDP cyber',
  sevenllm_mcq_en: 'SEvenLLM (multiple choice, English)',
  sec_qa_v1: 'SecQA v1',
  sec_qa_v2: 'SecQA v2',
};

/** Inspect's built-in metrics. */
const METRICS: Readonly<Record<string, string>> = {
  accuracy: 'accuracy',
  mean: 'mean',
  stderr: 'standard error',
  bootstrap_stderr: 'bootstrap standard error',
  std: 'standard deviation',
  var: 'variance',
};

/** `inspect_evals/cybench` and `cybench_task` read "Cybench"; others have their words. */
export function benchmarkName(task: string): string {
  const last = task.slice(task.lastIndexOf('/') + 1);
  const key = last
    .toLowerCase()
    .replace(/[\s-]+/gu, '_')
    .replace(/_task$/u, '');
  const known = BENCHMARKS[key];
  if (known !== undefined) return known;
  const words = spaced(last.replace(/_task$/u, ''));
  return words === '' ? task : `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** `includes/accuracy` reads "accuracy (includes)"; without a scorer, the metric alone. */
export function metricName(scorer: string | null, metric: string): string {
  const name = METRICS[metric] ?? (spaced(metric) || metric);
  return scorer ? `${name} (${scorer})` : name;
}

/** The identifier a rule names: `scorer/metric`, or the metric alone. */
export function metricId(scorer: string | null, metric: string): string {
  return scorer ? `${scorer}/${metric}` : metric;
}

function spaced(id: string): string {
  return id.replace(/[_-]+/gu, ' ').trim();
}
