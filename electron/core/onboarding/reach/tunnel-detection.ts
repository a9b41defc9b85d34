import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { TUNNEL_PROGRAMS, type TunnelProgram, type TunnelProgramInfo } from '../../../../shared/contract';
import { outputOf, TUNNEL_SPECS } from './tunnel-programs';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The program's path: the configured one if it is executable, else the first on PATH. */
export function findProgram(program: TunnelProgram, env: NodeJS.ProcessEnv, configured = ''): string | null {
  if (configured) return isAbsolute(configured) && executable(configured) ? configured : null;
  const names = process.platform === 'win32' ? [`${program}.exe`] : [program];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) if (executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

async function versionOf(program: TunnelProgram, path: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const spec = TUNNEL_SPECS[program];
  return spec.parseVersion(await outputOf(path, spec.versionArgs, env, 5_000));
}

/** Which tunnel programs this machine has, with their versions (never downloads anything). */
export async function detectTunnelPrograms(
  env: NodeJS.ProcessEnv,
  configured: Partial<Record<TunnelProgram, string>> = {},
): Promise<TunnelProgramInfo[]> {
  return Promise.all(
    TUNNEL_PROGRAMS.map(async (program) => {
      const path = findProgram(program, env, configured[program]);
      return {
        program,
        path,
        version: path ? await versionOf(program, path, env) : null,
        installUrl: TUNNEL_SPECS[program].installUrl,
      };
    }),
  );
}
