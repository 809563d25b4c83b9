import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Api } from '../api/api';
import { emailRuleCreate } from '../api/fn/email-rule/email-rule-create';
import { emailRuleUpdate } from '../api/fn/email-rule/email-rule-update';
import { EMAIL_RULE_FIELD } from '../api/models/email-rule-field-array';
import { EMAIL_RULE_MATCH_TYPE } from '../api/models/email-rule-match-type-array';
import { EmailRuleDto } from '../api/models/email-rule-dto';
import { EmailRuleField } from '../api/models/email-rule-field';
import { EmailRuleKind } from '../api/models/email-rule-kind';
import { EmailRuleMatchType } from '../api/models/email-rule-match-type';
import { INBOUND_EMAIL_ACTION } from '../api/models/inbound-email-action-array';
import { InboundEmailAction } from '../api/models/inbound-email-action';
import { InboundWorkerDto } from '../api/models/inbound-worker-dto';
import { SetEmailRuleDto } from '../api/models/set-email-rule-dto';
import { describeError } from '../core/problem';

export interface EmailRuleDialogData {
  rule: EmailRuleDto | null;
  workers: InboundWorkerDto[];
}

/** The rule form as the user filled it in. */
export interface EmailRuleForm {
  kind: EmailRuleKind;
  workerId: string;
  name: string;
  field: EmailRuleField;
  headerName: string;
  matchType: EmailRuleMatchType;
  pattern: string;
  action: InboundEmailAction;
  target: string;
  order: number | null;
  enabled: boolean;
  alertThreshold: number | null;
}

/** The request for a form: a header name only for the Header field, an action only for a filter, a threshold only for a watch. */
export function ruleBody(form: EmailRuleForm): SetEmailRuleDto {
  return {
    kind: form.kind,
    workerId: form.workerId || null,
    name: form.name.trim(),
    field: form.field,
    headerName: form.field === 'Header' ? form.headerName.trim() : null,
    matchType: form.matchType,
    pattern: form.pattern,
    action: form.kind === 'Watch' ? null : form.action,
    target: form.kind === 'Watch' ? null : form.target.trim() || null,
    order: form.order ?? 0,
    enabled: form.enabled,
    alertThreshold: form.kind === 'Watch' ? form.alertThreshold : null,
  };
}

function formOf(rule: EmailRuleDto | null): EmailRuleForm {
  return {
    kind: rule?.kind ?? 'Filter', workerId: rule?.workerId ?? '', name: rule?.name ?? '', field: rule?.field ?? 'Sender',
    headerName: rule?.headerName ?? '', matchType: rule?.matchType ?? 'Exact', pattern: rule?.pattern ?? '', action: rule?.action ?? 'Drop',
    target: rule?.target ?? '', order: rule?.order ?? 0, enabled: rule?.enabled ?? true, alertThreshold: rule?.alertThreshold ?? null,
  };
}

/** Creates a filter or watch rule, or edits any rule (its kind stays); the server checks the pattern. */
@Component({
  selector: 'app-email-rule-dialog',
  imports: [FormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.rule ? 'Edit ' + data.rule.name : 'New rule' }}</h2>
    <form (ngSubmit)="save()" #ruleForm="ngForm">
      <mat-dialog-content class="grid">
        <mat-form-field>
          <mat-label>Kind</mat-label>
          <mat-select [(ngModel)]="form.kind" name="kind" [disabled]="!!data.rule">
            <mat-option value="Filter">Filter</mat-option>
            <mat-option value="Watch">Watch</mat-option>
            @if (data.rule?.kind === 'Dynamic') { <mat-option value="Dynamic">Dynamic</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Worker</mat-label>
          <mat-select [(ngModel)]="form.workerId" name="workerId">
            <mat-option value="">Every worker</mat-option>
            @for (w of data.workers; track w.id) { <mat-option [value]="w.id">{{ w.name }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Name</mat-label>
          <input matInput [(ngModel)]="form.name" name="name" required maxlength="200" autocomplete="off" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Field</mat-label>
          <mat-select [(ngModel)]="form.field" name="field">
            @for (f of fields; track f) { <mat-option [value]="f">{{ f }}</mat-option> }
          </mat-select>
        </mat-form-field>
        @if (form.field === 'Header') {
          <mat-form-field>
            <mat-label>Header name</mat-label>
            <input matInput [(ngModel)]="form.headerName" name="headerName" required autocomplete="off" />
          </mat-form-field>
        }
        <mat-form-field>
          <mat-label>Match</mat-label>
          <mat-select [(ngModel)]="form.matchType" name="matchType">
            @for (m of matchTypes; track m) { <mat-option [value]="m">{{ m }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Pattern</mat-label>
          <input matInput [(ngModel)]="form.pattern" name="pattern" required autocomplete="off" class="mono" />
        </mat-form-field>
        @if (form.kind === 'Watch') {
          <mat-form-field>
            <mat-label>Alert threshold (hits)</mat-label>
            <input matInput type="number" min="1" [(ngModel)]="form.alertThreshold" name="alertThreshold" />
          </mat-form-field>
        } @else {
          <mat-form-field>
            <mat-label>Action</mat-label>
            <mat-select [(ngModel)]="form.action" name="action">
              @for (a of actions; track a) { <mat-option [value]="a">{{ a }}</mat-option> }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Target (forward address or tag)</mat-label>
            <input matInput [(ngModel)]="form.target" name="target" autocomplete="off" />
          </mat-form-field>
        }
        <mat-form-field>
          <mat-label>Order (lower first)</mat-label>
          <input matInput type="number" [(ngModel)]="form.order" name="order" />
        </mat-form-field>
        <mat-checkbox [(ngModel)]="form.enabled" name="enabled">Enabled</mat-checkbox>
        @if (error(); as message) { <p class="error wide" role="alert">{{ message }}</p> }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="ruleForm.invalid || saving()">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 0 12px; align-items: baseline; }
    .wide { grid-column: 1 / -1; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class EmailRuleDialogComponent {
  private readonly api = inject(Api);
  private readonly dialogRef = inject(MatDialogRef<EmailRuleDialogComponent, EmailRuleDto>);
  protected readonly data = inject<EmailRuleDialogData>(MAT_DIALOG_DATA);
  protected readonly fields = EMAIL_RULE_FIELD;
  protected readonly matchTypes = EMAIL_RULE_MATCH_TYPE;
  protected readonly actions = INBOUND_EMAIL_ACTION;
  protected readonly form = formOf(this.data.rule);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  async save(): Promise<void> {
    this.error.set(null);
    this.saving.set(true);
    const body = ruleBody(this.form);
    try {
      this.dialogRef.close(this.data.rule
        ? await this.api.invoke(emailRuleUpdate, { id: this.data.rule.id, body })
        : await this.api.invoke(emailRuleCreate, { body }));
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }
}
