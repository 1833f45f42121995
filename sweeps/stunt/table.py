"""Trimmed result table of one results directory (compacted trials.csv and pending records), Markdown."""
import csv, glob, json, sys
d = sys.argv[1]
rows = {}
try:
    for r in csv.DictReader(open(d + '/trials.csv')):
        r['trainError'] = [float(x) for x in r['trainError'].split(';')]
        for k in ('depth', 'width', 'batch', 'n', 'epochs'): r[k] = int(r[k])
        for k in ('g', 'lambdaIn', 'lambdaOut', 'logDeltaRatio', 'wallSeconds', 'minTrainError', 'decay'): r[k] = float(r[k])
        rows[r['key']] = r
except FileNotFoundError:
    pass
for f in glob.glob(d + '/pending/*.json'):
    r = json.load(open(f)); rows[r['key']] = r
rs = sorted(rows.values(), key=lambda r: (r['depth'], r['width'], float(r['g']), float(r['lambdaOut']), float(r['lambdaIn'])))
print('| D | N | g | λin | λout | batch | clip | decay | n | epochs | status | ln(\\|δ1\\|/\\|δD\\|) | min error | error per epoch (0 = untrained) | s |')
print('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
long_curves = False
for r in rs:
    e = r['trainError']
    shown = e if len(e) <= 41 else [e[i] for i in range(0, len(e), 10)] + ([e[-1]] if (len(e) - 1) % 10 else [])
    long_curves |= len(e) > 41
    clip = r['clip']
    print('| %s | %s | %s | %g | %g | %s | %s | %s | %s | %s | %s | %.1f | %.4f | %s | %.0f |' % (r['depth'], r['width'], '%.4g' % float(r['g']), float(r['lambdaIn']), float(r['lambdaOut']), r['batch'], 'none' if str(clip) in ('Infinity', 'inf') else clip, r['decay'], r['n'], r['epochs'], r['status'], float(r['logDeltaRatio']), min(e), ' '.join('%.3f' % x for x in shown), float(r['wallSeconds'])))
if long_curves:
    print('\nCurves longer than 40 epochs: every 10th epoch (0, 10, 20, ...) and the last.')
prov = {(r.get('blas'), r.get('coreType')) for r in rs}
print('\n%d trials; BLAS backend, OpenBLAS core type: %s; 1 core of a shared 2-core AMD EPYC' % (len(rs), ', '.join('%s %s' % p for p in prov)))
