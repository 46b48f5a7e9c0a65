#!/usr/bin/env python3
"""Runs the three.js peer (tools/bench/peer/) in Debian's headless Chromium on its software GPU
(ANGLE on SwiftShader) and writes its timings as JSON.

  peer_run.py --three DIR --model FILE.gltf --camera CAMERA.json --size WxH
              [--frames N] [--runs R] [--msaa 1|4] --out RESULT.json [--png FIRST_FRAME.png]

How it measures: a local HTTP server (this script, 127.0.0.1, a free port) serves the page, the
three.js package from DIR and the model's folder. Each run starts a fresh Chromium (new empty
profile, so no HTTP or shader cache is reused), the page times "request glTF -> first frame
finished" and N synchronous frames, and POSTs them back to /result; the script then stops that
Chromium (only the process group it started). Median over runs is left to the caller; every
run's numbers are written.
"""
import argparse, base64, functools, http.server, json, os, queue, shutil, signal, subprocess
import sys, tempfile, threading, time, urllib.parse

PAGE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'peer')


class Handler(http.server.SimpleHTTPRequestHandler):
    roots = {}        # URL prefix -> folder
    results = None    # queue.Queue of posted results

    def translate_path(self, path):
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        for prefix, folder in self.roots.items():
            if path.startswith(prefix):
                rel = os.path.normpath(path[len(prefix):]).lstrip('/')
                if rel.startswith('..'):
                    break
                return os.path.join(folder, rel)
        return os.path.join(PAGE_DIR, 'missing')

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        self.send_response(200)
        self.end_headers()
        self.results.put(json.loads(body))

    def end_headers(self):
        self.send_header('Cache-Control', 'no-store')
        super().end_headers()

    def log_message(self, *args):
        pass


def chromium_binary():
    for name in ('chromium', 'chromium-browser'):
        path = shutil.which(name)
        if path:
            return path
    sys.exit('peer_run.py: chromium is not installed (tools/bench.sh installs it)')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--three', required=True)
    ap.add_argument('--model', required=True)
    ap.add_argument('--camera', required=True)
    ap.add_argument('--size', default='1280x720')
    ap.add_argument('--frames', type=int, default=10)
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--msaa', type=int, default=1)
    ap.add_argument('--aniso', type=int, default=1,
                    help="anisotropic filtering: the same as shancheng's device (sc_peer_bench's anisotropy counter)")
    ap.add_argument('--timeout', type=float, default=300)
    ap.add_argument('--out', required=True)
    ap.add_argument('--png')
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split('x'))
    model_dir, model_name = os.path.split(os.path.abspath(args.model))
    with open(args.camera) as f:
        camera = json.load(f)

    Handler.roots = {'/three/': os.path.abspath(args.three), '/model/': model_dir, '/': PAGE_DIR}
    Handler.results = queue.Queue()
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    query = urllib.parse.urlencode({'model': '/model/' + model_name, 'w': width, 'h': height,
                                    'frames': args.frames, 'msaa': args.msaa, 'aniso': args.aniso,
                                    'camera': json.dumps(camera)})
    url = 'http://127.0.0.1:%d/index.html?%s' % (server.server_address[1], query)
    chromium = chromium_binary()
    version = subprocess.run([chromium, '--version'], capture_output=True, text=True).stdout.strip()

    runs = []
    for run in range(args.runs):
        profile = tempfile.mkdtemp(prefix='sc-peer-profile-')
        log = open(os.path.join(profile, 'chromium.log'), 'w')
        command = [chromium, '--headless=new', '--no-sandbox', '--use-angle=swiftshader',
                   '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--no-first-run',
                   '--no-default-browser-check', '--disable-extensions', '--disable-background-networking',
                   '--window-size=%d,%d' % (width, height), '--user-data-dir=' + profile, url]
        started = time.monotonic()
        browser = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            result = Handler.results.get(timeout=args.timeout)
        except queue.Empty:
            result = {'ok': False, 'error': 'no result within %.0f s' % args.timeout}
        result['browser_wall_ms'] = (time.monotonic() - started) * 1000.0
        try:
            os.killpg(browser.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            browser.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait()
        log.close()
        if not result.get('ok'):
            with open(os.path.join(profile, 'chromium.log')) as f:
                sys.stderr.write(f.read()[-4000:])
            shutil.rmtree(profile, ignore_errors=True)
            sys.exit('peer_run.py: run %d failed: %s' % (run, result.get('error')))
        shutil.rmtree(profile, ignore_errors=True)
        png = result.pop('png', '')
        if args.png and run == 0 and png.startswith('data:image/png;base64,'):
            with open(args.png, 'wb') as f:
                f.write(base64.b64decode(png.split(',', 1)[1]))
        runs.append(result)
        print('three.js run %d: load %.0f ms, frame median %.1f ms' %
              (run, result['load_ms'], sorted(result['frame_ms'])[len(result['frame_ms']) // 2]), flush=True)
    server.shutdown()
    with open(args.out, 'w') as f:
        json.dump({'chromium': version, 'url_query': {'size': args.size, 'frames': args.frames, 'msaa': args.msaa, 'aniso': args.aniso},
                   'runs': runs}, f, indent=1)


if __name__ == '__main__':
    main()
