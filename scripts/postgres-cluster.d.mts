export function postgresBinDir(): string | null;
export function startThrowawayCluster(options?: { durable?: boolean }): Promise<{
  url: string;
  port: number;
  version: string;
  stop(): void;
}>;
