import { type HopContext, has, type StepSpec } from "./procedure-kit.js";

/**
 * The message-queue and Valkey migrations a hop needs, for kolla-ansible and for kayobe (which
 * runs the same commands through `kayobe kolla ansible run`).
 */
export function rabbitmqSpecs(ctx: HopContext, run: (args: string) => string): StepSpec[] {
  const out: StepSpec[] = [];
  if (has(ctx, "rabbitmq-3.12-before-caracal"))
    out.push({
      slug: "rabbitmq-3.12",
      kind: "prepare",
      title: "Step RabbitMQ to 3.12 on the old release",
      commands: [run("rabbitmq-upgrade 3.12")],
      why: "RabbitMQ only upgrades one minor version at a time; the skip-level hop would otherwise jump two.",
      risks: [
        "The command is not idempotent: do not re-run it blindly after a partial failure.",
        "Messages in flight are lost while RabbitMQ restarts.",
      ],
      concepts: ["rabbitmq", "slurp"],
      from: ["rabbitmq-3.12-before-caracal"],
    });
  if (has(ctx, "durable-queues-epoxy"))
    out.push({
      slug: "migrate-durable-queues",
      kind: "prepare",
      title: "Make every RabbitMQ queue durable (quorum, streams)",
      commands: [
        "# in globals.yml: om_enable_queue_manager, om_enable_rabbitmq_quorum_queues, om_enable_rabbitmq_transient_quorum_queue, om_enable_rabbitmq_stream_fanout: true",
        run("genconfig"),
        run("stop --tags <services using rabbitmq>"),
        run("reconfigure --tags rabbitmq"),
        run("rabbitmq-reset-state"),
        run("deploy --tags <services using rabbitmq>"),
      ],
      why: "RabbitMQ 4.0 in the target refuses transient and classic mirrored queues; services must recreate their queues as durable ones first.",
      risks: [
        "Every API using RabbitMQ is down from stop to deploy.",
        "Stream replicas can need a manual repair afterwards.",
      ],
      concepts: ["rabbitmq", "rabbitmq-quorum-queues", "ansible-tags"],
      from: ["durable-queues-epoxy"],
      pointOfNoReturn:
        "Before rabbitmq-reset-state the old queues still exist and reverting the flags is enough; after it, queue state is gone and services must be redeployed with the new settings.",
    });
  if (has(ctx, "redis-to-valkey"))
    out.push({
      slug: "migrate-valkey",
      kind: "prepare",
      title: "Replace Redis with Valkey",
      commands: [run("migrate-valkey")],
      why: "The target release ships Valkey instead of Redis; data must move while the old release still knows both.",
      risks: ["Services using Redis (coordination, caches) lose their backend briefly."],
      concepts: ["kolla"],
      from: ["redis-to-valkey"],
    });
  return out;
}
