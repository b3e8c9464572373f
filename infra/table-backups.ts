import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

/** How long each kind of backup is kept (docs/operations.md, "Restore a table"). */
export const BACKUP_RETENTION = { dailyDays: 35, monthlyDays: 365 } as const;

/**
 * AWS Backup of every table with customer or billing data, beside the tables' own 35 days of point-in-time recovery:
 * a daily backup kept 35 days and a monthly one kept a year, in a vault kept when the stack is deleted; each copied to
 * another Region's or account's vault when the stage names one (`backupCopyVaultArn`), so a lost Region or a
 * compromised account does not take the backups with it.
 */
export class TableBackups extends Construct {
  constructor(scope: Construct, id: string, props: { stage: string; tables: ITable[]; copyVaultArn?: string }) {
    super(scope, id);
    const vault = new BackupVault(this, 'Vault', { backupVaultName: `joi-energy-${props.stage}`, removalPolicy: RemovalPolicy.RETAIN });
    const plan = new BackupPlan(this, 'Plan', { backupPlanName: `joi-energy-${props.stage}`, backupVault: vault });
    const copyTo = props.copyVaultArn ? BackupVault.fromBackupVaultArn(this, 'CopyVault', props.copyVaultArn) : undefined;
    const rule = (ruleName: string, scheduleExpression: Schedule, days: number) =>
      new BackupPlanRule({
        ruleName,
        scheduleExpression,
        deleteAfter: Duration.days(days),
        ...(copyTo && { copyActions: [{ destinationBackupVault: copyTo, deleteAfter: Duration.days(days) }] }),
      });
    plan.addRule(rule('Daily', Schedule.cron({ hour: '3', minute: '0' }), BACKUP_RETENTION.dailyDays));
    plan.addRule(rule('Monthly', Schedule.cron({ day: '1', hour: '4', minute: '0' }), BACKUP_RETENTION.monthlyDays));
    const selection = plan.addSelection('Tables', { resources: props.tables.map((table) => BackupResource.fromDynamoDbTable(table)) });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason: "AWS Backup's own service policy for taking backups of the selected resources; the selection names only this stack's tables.",
    });
  }
}
