import { ServiceNames } from '@fargate-platform/service-model';
import { Duration, Fn } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { IPlatformEnvironment } from '../../environment/environment-contract';

/** What the monitoring of one service watches. */
export interface ServiceMonitoringProps {
  readonly environment: IPlatformEnvironment;
  /** The service's names: the ECS service (a literal, so that alarms never depend on the service they roll back) and the prefix of alarm, rule and dashboard names. */
  readonly names: ServiceNames;
  /** Public services: the target group's full name (`targetgroup/{name}/{id}`). */
  readonly targetGroupFullName?: string;
  /** Public services: ARN of the listener the service's rule sits on (it names the load balancer). */
  readonly listenerArn?: string;
}

/** Who hears of an alarm. */
enum Severity {
  /** Pages (critical topic) and rolls a deployment back. */
  CRITICAL,
  /** Notifies the warning topic. */
  WARNING,
}

/** ECS stop codes of tasks that failed (not scale-in, deployments or Spot interruptions). */
export const FAILED_TASK_STOP_CODES = ['TaskFailedToStart', 'EssentialContainerExited'];
/** Stopped reasons of tasks the scheduler replaced after failed container or load balancer health checks. */
export const FAILED_HEALTH_CHECK_REASON_PREFIX = 'Task failed';

/**
 * The alarms and dashboard of one service.
 *
 * Task failures are counted by an EventBridge rule that matches this service's ECS "Task
 * State Change" events for tasks that stopped because they failed: they could not start,
 * an essential container exited, or they failed container or load balancer health checks
 * (scale-in, deployments and Spot interruptions stop tasks too, and are not failures).
 * EventBridge publishes `AWS/Events MatchedEvents` per rule, so the alarm needs no Lambda,
 * log group or custom metric. The task-failure alarm pages (critical topic) and is also the
 * ECS deployment alarm that rolls a deployment back: one definition serves both.
 */
export class ServiceMonitoring extends Construct {
  /** Alarms that page and roll deployments back. */
  public readonly critical: cloudwatch.Alarm[] = [];
  /** Alarms that need attention in working hours. */
  public readonly warning: cloudwatch.Alarm[] = [];
  public readonly taskFailureRule: events.Rule;
  public readonly dashboard: cloudwatch.Dashboard;

  private readonly environment: IPlatformEnvironment;
  private readonly names: ServiceNames;

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    this.environment = props.environment;
    this.names = props.names;
    const cluster = props.environment.cluster;
    const service = props.names.service;
    const serviceDimensions = { ClusterName: cluster.clusterName, ServiceName: service };
    const perMinute = (namespace: string, metricName: string, statistic: string, dimensionsMap: { [name: string]: string }) =>
      new cloudwatch.Metric({ namespace, metricName, dimensionsMap, statistic, period: Duration.minutes(1) });
    const cpu = perMinute('AWS/ECS', 'CPUUtilization', 'Average', serviceDimensions);
    const memory = perMinute('AWS/ECS', 'MemoryUtilization', 'Average', serviceDimensions);

    this.taskFailureRule = new events.Rule(this, 'TaskFailures', {
      ruleName: props.names.resourceName('task-failures'),
      description: `Matches failed tasks of ${service}; AWS/Events MatchedEvents of this rule counts them`,
      eventPattern: {
        source: ['aws.ecs'],
        detailType: ['ECS Task State Change'],
        detail: {
          clusterArn: [cluster.clusterArn],
          group: [`service:${service}`],
          lastStatus: ['STOPPED'],
          $or: [
            { stopCode: FAILED_TASK_STOP_CODES },
            { stoppedReason: [{ prefix: FAILED_HEALTH_CHECK_REASON_PREFIX }] },
          ],
        },
      },
    });
    const taskFailures = new cloudwatch.Metric({
      namespace: 'AWS/Events',
      metricName: 'MatchedEvents',
      dimensionsMap: { RuleName: this.taskFailureRule.ruleName },
      statistic: 'Sum',
      period: Duration.minutes(5),
    });

    this.alarm('TaskFailuresAlarm', Severity.CRITICAL, 'task-failures', {
      alarmDescription: `More than 2 tasks of ${service} failed within 5 minutes (rolls a deployment back)`,
      metric: taskFailures,
      threshold: 2,
      evaluationPeriods: 1,
    });
    this.alarm('CpuAlarm', Severity.WARNING, 'cpu', {
      alarmDescription: `CPU of ${service} above 80% for 5 minutes`,
      metric: cpu,
      threshold: 80,
      evaluationPeriods: 5,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    });
    this.alarm('MemoryAlarm', Severity.WARNING, 'memory', {
      alarmDescription: `Memory of ${service} above 80% for 5 minutes`,
      metric: memory,
      threshold: 80,
      evaluationPeriods: 5,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    });

    const insights = (metricName: string) => perMinute('ECS/ContainerInsights', metricName, 'Average', serviceDimensions);
    const rows: cloudwatch.IWidget[][] = [[
      new cloudwatch.GraphWidget({ title: 'CPU and memory (%)', left: [cpu.with({ label: 'CPU' }), memory.with({ label: 'Memory' })], width: 8 }),
      new cloudwatch.GraphWidget({
        title: 'Tasks',
        left: [insights('RunningTaskCount').with({ label: 'Running' }), insights('DesiredTaskCount').with({ label: 'Desired' })],
        width: 8,
      }),
      new cloudwatch.GraphWidget({ title: 'Failed tasks (per 5 minutes)', left: [taskFailures.with({ label: 'Failed' })], width: 8 }),
    ]];

    if (props.targetGroupFullName !== undefined) {
      // The listener ARN is arn:...:listener/app/{name}/{lb-id}/{listener-id}; the load balancer's full name is app/{name}/{lb-id}.
      const arnParts = Fn.split('/', props.listenerArn ?? props.environment.httpsListener.listenerArn);
      const elbDimensions = {
        LoadBalancer: Fn.join('/', [Fn.select(1, arnParts), Fn.select(2, arnParts), Fn.select(3, arnParts)]),
        TargetGroup: props.targetGroupFullName,
      };
      const elb = (metricName: string, statistic: string) => perMinute('AWS/ApplicationELB', metricName, statistic, elbDimensions);
      const responseTime = elb('TargetResponseTime', 'Average');
      const unhealthy = elb('UnHealthyHostCount', 'Maximum');
      this.alarm('ResponseTimeAlarm', Severity.WARNING, 'response-time', {
        alarmDescription: `Target response time of ${service} above 2 seconds for 5 minutes`,
        metric: responseTime,
        threshold: 2,
        evaluationPeriods: 5,
      });
      this.alarm('UnhealthyTargetsAlarm', Severity.WARNING, 'unhealthy-targets', {
        alarmDescription: `${service} had unhealthy targets for 5 minutes`,
        metric: unhealthy,
        threshold: 0,
        evaluationPeriods: 5,
      });
      rows.push([
        new cloudwatch.GraphWidget({
          title: 'Requests and errors',
          left: [elb('RequestCount', 'Sum').with({ label: 'Requests' })],
          right: [elb('HTTPCode_Target_5XX_Count', 'Sum').with({ label: '5xx' }), elb('HTTPCode_Target_4XX_Count', 'Sum').with({ label: '4xx' })],
          width: 8,
        }),
        new cloudwatch.GraphWidget({ title: 'Response time (s)', left: [responseTime.with({ label: 'Average' })], width: 8 }),
        new cloudwatch.GraphWidget({
          title: 'Targets',
          left: [elb('HealthyHostCount', 'Minimum').with({ label: 'Healthy' }), unhealthy.with({ label: 'Unhealthy' })],
          width: 8,
        }),
      ]);
    }

    rows.unshift([new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...this.critical, ...this.warning], width: 24 })]);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.names.prefix, widgets: rows });
  }

  /** An alarm above its threshold, notifying its severity's topic on ALARM and on OK. */
  private alarm(id: string, severity: Severity, suffix: string,
    props: Pick<cloudwatch.AlarmProps, 'alarmDescription' | 'metric' | 'threshold' | 'evaluationPeriods' | 'treatMissingData'>): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: this.names.resourceName(suffix),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      datapointsToAlarm: props.evaluationPeriods,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      actionsEnabled: true,
      ...props,
    });
    const topic = severity === Severity.CRITICAL ? this.environment.criticalTopic : this.environment.warningTopic;
    alarm.addAlarmAction(new actions.SnsAction(topic));
    alarm.addOkAction(new actions.SnsAction(topic));
    (severity === Severity.CRITICAL ? this.critical : this.warning).push(alarm);
    return alarm;
  }
}
