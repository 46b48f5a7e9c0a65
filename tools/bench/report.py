#!/usr/bin/env python3
"""Turns the JSON that tools/bench.sh wrote into docs/perf/*.png (gnuplot) and the generated
section of docs/PERFORMANCE.md (between the BEGIN/END GENERATED markers).

  report.py machine OUT.json        describe this machine (CPU, cores, memory, Vulkan device)
  report.py render PERF_DIR DOC.md  plots + tables from PERF_DIR/{machine,load,render,
                                    render_multiview,peer_shancheng,peer_threejs}.json

Every figure is a median over repetitions of the same run (Google Benchmark's median
aggregate; the three.js runs' median here). Ratios use numbers of the same run only.
"""
import json, os, platform, re, statistics, subprocess, sys, time

BEGIN = '<!-- BEGIN GENERATED: tools/bench.sh (do not edit by hand) -->'
END = '<!-- END GENERATED -->'


def sh(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ''


def machine(out):
    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
    mem = next((int(l.split()[1]) for l in open('/proc/meminfo') if l.startswith('MemTotal')), 0)
    vk = sh('vulkaninfo --summary 2>/dev/null')
    def field(name):
        m = re.search(r'%s\s*=\s*(.+)' % name, vk)
        return m.group(1).strip() if m else '?'
    info = {
        'cpu': cpu, 'cores': os.cpu_count(), 'memory_gib': round(mem / 1024 / 1024, 1),
        'kernel': platform.release(), 'os': sh('. /etc/os-release && echo "$PRETTY_NAME"'),
        'vulkan_device': field('deviceName'), 'vulkan_driver': field('driverInfo'),
        'vulkan_api': field('apiVersion'), 'load_average': os.getloadavg(),
        'date_utc': time.strftime('%Y-%m-%d %H:%M', time.gmtime()),
        'commit': sh('git -C "%s" rev-parse --short HEAD' % os.path.dirname(os.path.abspath(__file__))),
    }
    with open(out, 'w') as f:
        json.dump(info, f, indent=1)


def load_json(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def medians(doc):
    """run_name -> the median aggregate entry (real_time in ms), from a Google Benchmark JSON."""
    out = {}
    if not doc:
        return out
    for b in doc.get('benchmarks', []):
        if b.get('aggregate_name') == 'median' and not b.get('error_occurred'):
            # "BM_Load/x/import/iterations:1/repeats:5/manual_time" -> "BM_Load/x/import"
            out[re.sub(r'/(iterations|repeats|threads):\d+|/manual_time|/real_time', '', b['run_name'])] = b
    return out


MACHINE = {}


def run_note(doc):
    """When a Google Benchmark JSON was made and how busy the machine was then."""
    ctx = (doc or {}).get('context', {})
    load = ctx.get('load_avg') or []
    return '_%s-core %s, Vulkan on %s (no GPU on this machine); run %s, load average %s at its start._' % (
        MACHINE.get('cores', '?'), MACHINE.get('cpu', '?'), MACHINE.get('vulkan_device', '?'),
        ctx.get('date', '?')[:16].replace('T', ' '), ', '.join('%.1f' % v for v in load) or '?')


def ms(entry):
    scale = {'ns': 1e-6, 'us': 1e-3, 'ms': 1.0, 's': 1e3}[entry.get('time_unit', 'ms')]
    return entry['real_time'] * scale


def fmt(v, digits=None):
    if v is None:
        return '—'
    if digits is None:
        digits = 0 if abs(v) >= 100 else 1 if abs(v) >= 10 else 2 if abs(v) >= 1 else 3
    return f'{v:,.{digits}f}'


def whole(v):
    """A counter that counts things (draws): a whole number, with thousands separators."""
    return '—' if v is None else '{:,}'.format(int(round(v)))


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def table(header, rows):
    lines = ['| ' + ' | '.join(header) + ' |',
             '| ' + ' | '.join('---' if i == 0 else '---:' for i in range(len(header))) + ' |']
    lines += ['| ' + ' | '.join(str(c) for c in r) + ' |' for r in rows]
    return '\n'.join(lines)


def gnuplot(script, perf):
    subprocess.run(['gnuplot'], input=script, text=True, check=True, cwd=perf)


PLOT_HEAD = 'set terminal pngcairo size 900,540 font "DejaVu Sans,11"\nset grid\nset key top left\n'


def cpu_pair(first, second):
    a, b = (first or {}).get('cpu_ms'), (second or {}).get('cpu_ms')
    if not a or not b:
        return '—'
    return '%s / %s (%sx)' % (fmt(a), fmt(b), fmt(ratio(a, b), 1))


def loading(perf, load, lines):
    m = medians(load)
    if not m:
        lines.append('_Loading: not run (docs/perf/load.json missing)._\n')
        return
    models = []
    for name in m:
        parts = name.split('/')
        if parts[0] == 'BM_Load' and parts[1] not in models:
            models.append(parts[1])
    rows = []
    worst = None
    for model in models:
        get = lambda mode: m.get('BM_Load/%s/%s' % (model, mode))
        imp, cook, cooked, info = get('import'), get('cook'), get('cooked'), get('assimp-info')
        r = ratio(ms(imp) if imp else None, ms(cooked) if cooked else None)
        worst = r if worst is None or (r is not None and r < worst) else worst
        rows.append([
            '`%s`' % model, fmt(cooked.get('source_mib') if cooked else None),
            fmt(ms(imp)) if imp else '—', fmt(ms(cook)) if cook else '—', fmt(ms(cooked)) if cooked else '—',
            '**%sx**' % fmt(r, 1) if r else '—', cpu_pair(imp, cooked), fmt(cooked.get('faults')) if cooked else '—',
            fmt(ms(info)) if info else '—', fmt(cooked['process_ms']) if cooked else '—',
            '%s / %s' % (fmt(imp['load_peak_mib'], 1), fmt(cooked['load_peak_mib'], 1)) if imp and cooked else '—',
            fmt(info['peak_mib'], 1) if info else '—'])
    lines.append('### Loading one model: Assimp import vs the cooked cache vs `assimp info`\n')
    lines.append(run_note(load) + '\n')
    lines.append(table(['model', 'files MiB', 'Assimp import ms', 'first load (import + cook + write) ms',
                        'cooked load ms', 'import / cooked', 'CPU ms import / cooked (ratio)',
                        'cooked-load page faults', '`assimp info` process ms',
                        'cooked-load process ms', 'load peak MiB import / cooked', '`assimp info` peak MiB'], rows))
    lines.append('\nLoad times are measured inside a fresh child process (start-up excluded); "process ms" '
                 'is the whole process from spawn to exit, the way `assimp info FILE` (which imports with '
                 'its default post-processing and prints statistics; it decodes no textures) is timed. '
                 '"load peak" is the growth of the peak resident set during the load. "CPU ms" is the '
                 'CPU time of the load in the child (all its threads), which waiting for a core on a busy '
                 'machine does not inflate; "page faults" counts the fresh pages the load touched.\n')

    rows, data = [], []
    for copies in (1, 4, 16):
        cold, cooked = m.get('BM_LoadScene/x%d/cold' % copies), m.get('BM_LoadScene/x%d/cooked' % copies)
        if not cold or not cooked:
            continue
        r = ratio(ms(cold), ms(cooked))
        rows.append([copies, fmt(cold.get('triangles')), fmt(ms(cold)), fmt(ms(cooked)), '**%sx**' % fmt(r, 1),
                     cpu_pair(cold, cooked),
                     fmt(cold['load_peak_mib']), fmt(cooked['load_peak_mib']), fmt(cold['peak_mib']),
                     fmt(cooked['peak_mib'])])
        data.append('%d %f %f %f %f' % (copies, ms(cold), ms(cooked), cold['load_peak_mib'], cooked['load_peak_mib']))
    if rows:
        lines.append('### Loading a scene at 1x, 4x and 16x its size (`loadSceneContent`, N copies of Hongyadong as separate files)\n')
        lines.append(run_note(load) + '\n')
        lines.append(table(['copies', 'triangles', 'first start ms (empty cache)', 'second start ms (cooked)',
                            'first / second', 'CPU ms first / second (ratio)', 'load peak MiB first', 'load peak MiB second',
                            'process peak MiB first', 'process peak MiB second'], rows))
        lines.append('\n![load time and peak memory against scene size](perf/load_scaling.png)\n')
        with open(os.path.join(perf, 'load_scaling.dat'), 'w') as f:
            f.write('# copies cold_ms cooked_ms cold_peak_mib cooked_peak_mib\n' + '\n'.join(data) + '\n')
        gnuplot(PLOT_HEAD + '''set output "load_scaling.png"
set title "Scene load against size (N copies of Hongyadong), median"
set logscale xy
set xtics (1, 4, 16)
set xrange [0.8:20]
set xlabel "copies of the landmark"
set ylabel "load time (ms)"
set y2label "peak resident growth (MiB)"
set logscale y2
set y2tics
set ytics nomirror
plot "load_scaling.dat" u 1:2 w lp lw 2 pt 7 t "first start (import + cook)", \\
     "" u 1:3 w lp lw 2 pt 5 t "second start (cooked)", \\
     "" u 1:4 axes x1y2 w lp dt 2 pt 6 t "peak MiB, first", \\
     "" u 1:5 axes x1y2 w lp dt 2 pt 4 t "peak MiB, second"
''', perf)
    goal = [r for r in (ratio(ms(m['BM_LoadScene/x%d/cold' % c]), ms(m['BM_LoadScene/x%d/cooked' % c]))
                        for c in (1, 4, 16) if 'BM_LoadScene/x%d/cold' % c in m and 'BM_LoadScene/x%d/cooked' % c in m)]
    if goal:
        cpu = [ratio(m['BM_LoadScene/x%d/cold' % c].get('cpu_ms'), m['BM_LoadScene/x%d/cooked' % c].get('cpu_ms'))
               for c in (1, 4, 16) if 'BM_LoadScene/x%d/cold' % c in m and 'BM_LoadScene/x%d/cooked' % c in m]
        cpu = [c for c in cpu if c]
        lines.append('Goal (issue 3): a second start at least 20x faster than the first: **%s** in wall time (%s)%s.\n' % (
            'met' if min(goal) >= 20 else 'not met', ', '.join('%sx' % fmt(g, 1) for g in goal),
            '; in CPU time **%s** (%s)' % ('met' if min(cpu) >= 20 else 'not met', ', '.join('%sx' % fmt(c, 1) for c in cpu))
            if len(cpu) == len(goal) else ''))


def rendering(perf, render, multiview, lines):
    m, mv = medians(render), medians(multiview)
    if not m:
        lines.append('_Rendering: not run (docs/perf/render.json missing)._\n')
        return
    rows, data = [], []
    for size in ('640x360', '1280x720', '1920x1080', '2560x1440', '1832x1920'):
        mono, stereo = m.get('BM_Resolution/mono/' + size), m.get('BM_Resolution/stereo/2x' + size)
        smv = mv.get('BM_Resolution/stereo/2x' + size)
        if not mono and not stereo:
            continue
        w, h = (int(v) for v in size.split('x'))
        rows.append([size, fmt(ms(mono)) if mono else '—', fmt(mono['gpu_ms']) if mono else '—',
                     fmt(mono['frame_ms']) if mono else '—',
                     fmt(ms(stereo)) if stereo else '—', fmt(stereo['gpu_ms']) if stereo else '—',
                     fmt(ms(smv)) if smv else '—',
                     fmt(ratio(ms(smv), ms(mono)), 2) if smv and mono else '—',
                     fmt(ratio(stereo['gpu_ms'], mono['gpu_ms']), 2) if stereo and mono else '—'])
        if mono and stereo:
            data.append('%f %f %f %f %f' % (w * h / 1e6, ms(mono), mono['gpu_ms'], ms(stereo), stereo['gpu_ms']))
    device = next(iter(m.values()))['label'].split(' | ')[0]
    lines.append('### Rendering the landmark against resolution, mono vs stereo (Hongyadong, %s)\n' % device)
    lines.append(run_note(render) + '\n')
    lines.append(table(['per-view size', 'mono CPU ms', 'mono GPU ms', 'mono frame ms', 'stereo CPU ms (per-view passes)',
                        'stereo GPU ms', 'stereo CPU ms (multiview pass)', 'multiview / mono CPU',
                        'stereo / mono GPU'], rows))
    lines.append('\nCPU = cull, sort, record and submit (the renderer\'s own clock); GPU = timestamp queries; '
                 'frame = render and wait for the GPU. Stereo renders two views of the given size.\n')
    if data:
        with open(os.path.join(perf, 'render_resolution.dat'), 'w') as f:
            f.write('# mpix_per_view mono_cpu mono_gpu stereo_cpu stereo_gpu\n' + '\n'.join(data) + '\n')
        gnuplot(PLOT_HEAD + '''set output "render_resolution.png"
set title "Landmark frame time against resolution (%s), median"
set xlabel "megapixels per view"
set ylabel "GPU ms per frame"
set y2label "CPU ms per frame"
set yrange [0:*]
set y2range [0:*]
set y2tics
set ytics nomirror
plot "render_resolution.dat" u 1:3 w lp lw 2 pt 7 t "GPU, mono", "" u 1:5 w lp lw 2 pt 5 t "GPU, stereo", \\
     "" u 1:2 axes x1y2 w lp dt 2 pt 6 t "CPU, mono", "" u 1:4 axes x1y2 w lp dt 2 pt 4 t "CPU, stereo"
''' % device, perf)
        lines.append('![frame time against resolution](perf/render_resolution.png)\n')

    rows, data = [], []
    for count in (1000, 3000, 10000, 30000, 100000):
        d, g = m.get('BM_Objects/draws/%d' % count), m.get('BM_Objects/merged/%d' % count)
        if not d:
            continue
        rows.append(['{:,}'.format(count), whole(d['draws']), whole(d['shadow_draws']), fmt(ms(d)), fmt(d['gpu_ms']),
                     fmt(d['frame_ms']), fmt(ms(g)) if g else '—', fmt(g['gpu_ms']) if g else '—',
                     fmt(g['frame_ms']) if g else '—',
                     '%sx' % fmt(ratio(d['frame_ms'], g['frame_ms']), 1) if g else '—'])
        if g:
            data.append('%d %f %f %f %f %f %f' % (count, ms(d), d['gpu_ms'], d['frame_ms'], ms(g), g['gpu_ms'], g['frame_ms']))
    if rows:
        lines.append('### Rendering against object count (1 m boxes, 1280x720 mono, %s)\n' % device)
        lines.append(run_note(render) + '\n')
        lines.append(table(['objects', 'draws', 'shadow draws', 'CPU ms', 'GPU ms', 'frame ms',
                            'merged: CPU ms', 'merged: GPU ms', 'merged: frame ms', 'frame, draws / merged'], rows))
        lines.append('\n"draws": N instances of a one-box model, as a scene places N small props (the renderer '
                     'batches neighbouring instances of one primitive into one instanced draw per pass, so the '
                     '"draws" columns count draw commands, not boxes); "merged": the same boxes as one mesh and '
                     'one draw, the floor instancing approaches (its per-instance cost is culling and one '
                     '96-byte record per box).\n')
    if data:
        with open(os.path.join(perf, 'render_objects.dat'), 'w') as f:
            f.write('# objects cpu gpu frame merged_cpu merged_gpu merged_frame\n' + '\n'.join(data) + '\n')
        gnuplot(PLOT_HEAD + '''set output "render_objects.png"
set title "Frame time against object count, 1280x720 (%s), median"
set logscale xy
set xlabel "objects"
set xrange [700:150000]
set ylabel "ms per frame"
plot "render_objects.dat" u 1:2 w lp lw 2 pt 7 t "CPU, N instances (instanced draws)", \\
     "" u 1:3 w lp lw 2 pt 5 t "GPU, N instances (instanced draws)", \\
     "" u 1:5 w lp dt 2 pt 6 t "CPU, merged (one draw)", "" u 1:6 w lp dt 2 pt 4 t "GPU, merged (one draw)"
''' % device, perf)
        lines.append('![frame time against object count](perf/render_objects.png)\n')

    mono, stereo = m.get('BM_Courtyards/mono/1280x720'), m.get('BM_Courtyards/stereo/2x1832x1920')
    smv = mv.get('BM_Courtyards/stereo/2x1832x1920')
    if mono and stereo:
        lines.append('### Many draws, mono vs stereo (%s)\n' % mono['label'].split(' | ')[1])
        lines.append(run_note(render) + '\n')
        lines.append(table(['frame', 'draws', 'CPU ms', 'GPU ms', 'stereo / mono CPU'], [
            ['1280x720 mono', whole(mono['draws']), fmt(ms(mono)), fmt(mono['gpu_ms']), ''],
            ['2 x 1832x1920, per-view passes', whole(stereo['draws']), fmt(ms(stereo)), fmt(stereo['gpu_ms']),
             fmt(ratio(ms(stereo), ms(mono)), 2)]] + ([
            ['2 x 1832x1920, one multiview pass', whole(smv['draws']), fmt(ms(smv)), fmt(smv['gpu_ms']),
             fmt(ratio(ms(smv), ms(mono)), 2)]] if smv else [])))
        lines.append('')


def peer(perf, shancheng, three, lines, swiftshader=None, three_aniso1=None):
    m, ss = medians(shancheng), medians(swiftshader)
    if not m or not three or not three.get('runs'):
        lines.append('_Peer comparison: not run (docs/perf/peer_*.json missing)._\n')
        return
    runs = three['runs']
    load = statistics.median(r['load_ms'] for r in runs)
    frame = statistics.median(statistics.median(r['frame_ms']) for r in runs)
    cold, cooked, fr = m.get('BM_PeerFirstFrame/cold'), m.get('BM_PeerFirstFrame/cooked'), m.get('BM_PeerFrame')
    q = three['url_query']
    lines.append('### Peer: the same glTF in three.js r%s (Chromium %s, %s) vs shancheng (%s), %s, MSAA %s\n' % (
        runs[0]['three'], three['chromium'].split()[1], runs[0]['gpu'].split('(', 1)[1].split(',')[1].strip()
        if '(' in runs[0]['gpu'] else runs[0]['gpu'], cold['label'] if cold else '?', q['size'], q['msaa']))
    rows = []
    if cold:
        rows.append(['file to first finished frame, empty cache', fmt(ms(cold)), fmt(load),
                     '**%sx**' % fmt(ratio(load, ms(cold)), 2)])
    if cooked:
        rows.append(['file to first finished frame, cooked cache (second start)', fmt(ms(cooked)), fmt(load),
                     '**%sx**' % fmt(ratio(load, ms(cooked)), 2)])
    if fr:
        rows.append(['synchronous frame ms', fmt(ms(fr)), fmt(frame), '**%sx**' % fmt(ratio(frame, ms(fr)), 2)])
        rows.append(['frames per second', fmt(1000 / ms(fr), 2), fmt(1000 / frame, 2),
                     '**%sx**' % fmt(ratio(frame, ms(fr)), 2)])
    lines.append(run_note(shancheng) + '\n')
    header = ['measure (median)', 'shancheng (lavapipe)', 'three.js (SwiftShader)', 'shancheng advantage']
    if ss:
        header += ['shancheng on SwiftShader', 'its advantage']
        keys = ['BM_PeerFirstFrame/cold', 'BM_PeerFirstFrame/cooked', 'BM_PeerFrame', 'BM_PeerFrame']
        for row, key in zip(rows, keys):
            e = ss.get(key)
            if not e:
                row += ['—', '—']
            elif row[0] == 'frames per second':
                row += [fmt(1000 / ms(e), 2), '**%sx**' % fmt(ratio(frame, ms(e)), 2)]
            else:
                other = frame if key == 'BM_PeerFrame' else load
                row += [fmt(ms(e)), '**%sx**' % fmt(ratio(other, ms(e)), 2)]
    if three_aniso1 and three_aniso1.get('runs'):
        f1 = statistics.median(statistics.median(r['frame_ms']) for r in three_aniso1['runs'])
        rows.append(['three.js with anisotropy 1 (its default): synchronous frame ms', '', fmt(f1),
                     '**%sx**' % fmt(ratio(f1, ms(fr)), 2) if fr else '—'] + (['', ''] if ss else []))
    lines.append(table(header, rows))
    sc_aniso = int(fr.get('anisotropy', 8)) if fr else None
    th_aniso = runs[0].get('anisotropy', q.get('aniso'))
    lines.append('\nTexture filtering: trilinear in both (the glTF sampler\'s LINEAR_MIPMAP_LINEAR); anisotropy %s '
                 'in shancheng (%s) and %s in three.js (%s; three.js reports %s). ' % (
                     '%dx' % sc_aniso if sc_aniso and sc_aniso > 1 else 'off' if sc_aniso else '?',
                     'the device\'s choice: off on CPU rasterisers' if sc_aniso == 1 else 'the renderer\'s 8x',
                     '%sx' % th_aniso if th_aniso and int(th_aniso) > 1 else 'off',
                     'set to match' if sc_aniso and th_aniso and int(th_aniso) == sc_aniso else 'NOT matched',
                     '; '.join(f.replace('minFilter 1008', 'minFilter LinearMipmapLinearFilter')
                               for f in runs[0].get('filters', [])) or 'no filter list'))
    lines.append('three.js draws %s triangles in %s draw calls per frame (shadow pass included); '
                 'shancheng %s triangles in %s draws + %s shadow draws (4 cascades). '
                 'Runs: three.js %d browser launches; shancheng %d repetitions.\n' % (
                     fmt(runs[0]['triangles'], 0), runs[0]['draws'], fmt(fr['triangles'], 0) if fr else '?',
                     fmt(fr['draws'], 0) if fr else '?', fmt(fr['shadow_draws'], 0) if fr else '?', len(runs),
                     int(cold['repetitions']) if cold else 0))
    for name, e in (('empty cache', cold), ('cooked', cooked)):
        if e and 'renderer_ms' in e:
            lines.append('shancheng\'s first frame, %s: `loadOrCook` %s ms, renderer creation (pipelines) %s ms, '
                         'upload %s ms, the frame itself %s ms. three.js: glTF fetched and parsed (textures '
                         'decoded) after %s ms.\n' % (name, fmt(e['load_ms']), fmt(e['renderer_ms']),
                                                       fmt(e['upload_ms']), fmt(e['frame_ms']),
                                                       fmt(statistics.median(r['parse_ms'] for r in runs))))
    lines.append('| shancheng, first frame | three.js, first frame |\n| --- | --- |\n'
                 '| ![shancheng](perf/peer_shancheng.png) | ![three.js](perf/peer_threejs.png) |\n')
    best_load = ratio(load, ms(cooked)) if cooked else None
    fps = ratio(frame, ms(fr)) if fr else None
    lines.append('Goal (issue 8): at least 3x three.js on load time and on frames per second: load %s (%sx, '
                 'cooked), frames per second %s (%sx).\n' % (
                     'met' if best_load and best_load >= 3 else 'not met', fmt(best_load, 2),
                     'met' if fps and fps >= 3 else 'not met', fmt(fps, 2)))
    with open(os.path.join(perf, 'peer.dat'), 'w') as f:
        f.write('# measure shancheng three\n')
        if cooked:
            f.write('"first frame, cooked (ms)" %f %f\n' % (ms(cooked), load))
        if cold:
            f.write('"first frame, cold (ms)" %f %f\n' % (ms(cold), load))
        if fr:
            f.write('"one frame (ms)" %f %f\n' % (ms(fr), frame))
    gnuplot(PLOT_HEAD + '''set output "peer.png"
set title "shancheng (lavapipe) vs three.js (Chromium, SwiftShader): lower is better"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set ylabel "ms (median)"
set key top right
set yrange [0:*]
plot "peer.dat" u 2:xtic(1) t "shancheng", "" u 3 t "three.js"
''', perf)
    lines.append('![peer comparison](perf/peer.png)\n')


def render_report(perf, doc_path):
    mach = load_json(os.path.join(perf, 'machine.json')) or {}
    MACHINE.update(mach)
    lines = [BEGIN, '', '## Measured by `tools/bench.sh`', '']
    lines.append('**Machine:** %s, %s cores, %s GiB, %s, kernel %s; Vulkan device **%s** (%s, Vulkan %s). '
                 'Last run %s UTC at commit %s (load average %s). Ratios inside a table come from one run; '
                 'each part says when it ran and how busy the machine (shared by several builds) was. '
                 'On this machine "GPU" means a CPU rasteriser, so GPU milliseconds say little about a '
                 'headset.\n' % (
                     mach.get('cpu', '?'), mach.get('cores', '?'), mach.get('memory_gib', '?'), mach.get('os', '?'),
                     mach.get('kernel', '?'), mach.get('vulkan_device', '?'), mach.get('vulkan_driver', '?'),
                     mach.get('vulkan_api', '?'), mach.get('date_utc', '?'), mach.get('commit', '?'),
                     ', '.join('%.1f' % v for v in mach.get('load_average', [])) or '?'))
    loading(perf, load_json(os.path.join(perf, 'load.json')), lines)
    rendering(perf, load_json(os.path.join(perf, 'render.json')), load_json(os.path.join(perf, 'render_multiview.json')), lines)
    peer(perf, load_json(os.path.join(perf, 'peer_shancheng.json')), load_json(os.path.join(perf, 'peer_threejs.json')), lines,
         load_json(os.path.join(perf, 'peer_shancheng_swiftshader.json')),
         load_json(os.path.join(perf, 'peer_threejs_aniso1.json')))
    lines.append(END)
    generated = '\n'.join(lines)
    text = open(doc_path).read() if os.path.exists(doc_path) else '# Performance\n\n'
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + generated + text[text.index(END) + len(END):]
    else:
        text = text.rstrip('\n') + '\n\n' + generated + '\n'
    with open(doc_path, 'w') as f:
        f.write(text)
    for name in os.listdir(perf):
        if name.endswith('.dat'):
            os.remove(os.path.join(perf, name))


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'machine':
        machine(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == 'render':
        render_report(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
