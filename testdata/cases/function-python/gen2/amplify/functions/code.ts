import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';

// Builds the code of the functions Gen 1 built itself (Python, Java, Go,
// .NET) on the machine that synthesizes the backend, as Gen 1 did: CDK
// local bundling, so no Docker is needed.
//
// AMPLIFY_MIGRATE_ALLOW_UNBUILT=1 is for synth checks that never deploy: a
// function whose build tool is missing is packaged from its sources,
// unbuilt, and Python packages (which pip downloads) are not installed.
const allowUnbuilt = process.env.AMPLIFY_MIGRATE_ALLOW_UNBUILT === '1';

// Local bundling always succeeds or throws, so this image is never pulled.
const noDocker = DockerImage.fromRegistry('amplify-migrate/builds-locally');

// run runs a build tool; it returns false when the tool is missing and
// unbuilt code is allowed.
function run(tool: string, args: string[], cwd: string, what: string, env?: Record<string, string>): boolean {
  try {
    execFileSync(tool, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
    if (allowUnbuilt) {
      console.warn(`amplify-migrate: ${tool} is not installed, so ${what} is packaged unbuilt (AMPLIFY_MIGRATE_ALLOW_UNBUILT=1); never deploy this.`);
      return false;
    }
    throw new Error(
      `amplify-migrate: building ${what} needs ${tool}, which is not installed. Install it (see MIGRATION.md, "Building Python, Java, Go and .NET functions").`,
    );
  }
}

function localCode(dir: string, build: (outputDir: string) => void): Code {
  return Code.fromAsset(dir, {
    bundling: {
      image: noDocker,
      local: {
        tryBundle(outputDir: string) {
          build(outputDir);
          return true;
        },
      },
    },
  });
}

// pythonCode is a Python function's src/ plus the packages of its
// requirements.txt, installed as Linux wheels for the Lambda runtime.
export function pythonCode(functionDir: string, pythonVersion: string, architecture: string): Code {
  const src = path.join(functionDir, 'src');
  const requirements = path.join(functionDir, 'requirements.txt');
  return localCode(src, (outputDir) => {
    cpSync(src, outputDir, { recursive: true });
    if (!existsSync(requirements)) {
      return;
    }
    if (allowUnbuilt) {
      console.warn(`amplify-migrate: the packages of ${functionDir} are not installed (AMPLIFY_MIGRATE_ALLOW_UNBUILT=1); never deploy this.`);
      return;
    }
    const platform = architecture === 'arm64' ? 'manylinux2014_aarch64' : 'manylinux2014_x86_64';
    run(
      'python3',
      ['-m', 'pip', 'install', '--requirement', requirements, '--target', outputDir, '--platform', platform,
        '--implementation', 'cp', '--python-version', pythonVersion, '--only-binary=:all:', '--upgrade'],
      functionDir,
      `the packages of ${functionDir}`,
    );
  });
}
